using System.Text.Json;

namespace KpatchScript.Exposure;

/// <summary>
/// The product ids a CSAF product tree defines (branches' products, full_product_names, and the
/// relationships' full product names) and, for a relationship's id, its platform and component.
/// </summary>
internal sealed class ProductTree
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Platform, string Component)> _relationships = new(StringComparer.Ordinal);

    public static ProductTree Read(JsonElement tree)
    {
        var result = new ProductTree();
        if (tree.TryGetProperty("branches", out var branches))
        {
            result.Branches(branches);
        }

        if (tree.TryGetProperty("full_product_names", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in names.EnumerateArray())
            {
                result.Add(VexDocument.Text(name, "product_id", "product_tree.full_product_names[].product_id"));
            }
        }

        if (tree.TryGetProperty("relationships", out var relationships) && relationships.ValueKind == JsonValueKind.Array)
        {
            foreach (var relationship in relationships.EnumerateArray())
            {
                var id = VexDocument.Text(VexDocument.Member(relationship, "full_product_name", JsonValueKind.Object, "relationships[].full_product_name"), "product_id", "relationships[].full_product_name.product_id");
                var component = VexDocument.Text(relationship, "product_reference", "relationships[].product_reference");
                var platform = VexDocument.Text(relationship, "relates_to_product_reference", "relationships[].relates_to_product_reference");
                result.Add(id);
                result._relationships[id] = (platform, component);
            }
        }

        // Every relationship must relate products the tree defines.
        foreach (var (platform, component) in result._relationships.Values)
        {
            result.Require(component, "relationships[].product_reference");
            result.Require(platform, "relationships[].relates_to_product_reference");
        }

        return result;
    }

    /// <exception cref="InvalidDataException">The id is not defined in the product tree.</exception>
    public void Require(string id, string where)
    {
        if (!_ids.Contains(id))
        {
            throw new InvalidDataException($"{where} names product id '{id}', which the product tree does not define");
        }
    }

    /// <summary>Platform and component of an id: its relationship's, else the id split at its first ':'; no platform for a bare component.</summary>
    public (string? Platform, string Component) Split(string id)
    {
        if (_relationships.TryGetValue(id, out var relation))
        {
            return relation;
        }

        // A bare package (kernel-0:5.14.0-...) has its epoch before the first ':', a platform id does not.
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var dash = colon > 0 ? id.LastIndexOf('-', colon - 1) : -1;
        var epochFirst = dash > 0 && dash < colon - 1 && id.AsSpan(dash + 1, colon - dash - 1).IndexOfAnyExceptInRange('0', '9') < 0;
        return colon > 0 && !epochFirst ? (id[..colon], id[(colon + 1)..]) : (null, id);
    }

    private void Add(string id) => _ids.Add(id);

    private void Branches(JsonElement branches)
    {
        if (branches.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("product_tree.branches is not an array");
        }

        foreach (var branch in branches.EnumerateArray())
        {
            if (branch.TryGetProperty("product", out var product))
            {
                Add(VexDocument.Text(product, "product_id", "branches[].product.product_id"));
            }

            if (branch.TryGetProperty("branches", out var inner))
            {
                Branches(inner);
            }
        }
    }
}
