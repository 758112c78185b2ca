using System.Text.Json;

namespace KpatchScript.Exposure;

/// <summary>
/// Reads one Red Hat CSAF VEX document (OASIS CSAF 2.0, profile csaf_vex; Red Hat's conventions:
/// one CVE a document, product ids <c>PLATFORM:COMPONENT</c> such as
/// <c>BaseOS-9.4.0.Z.MAIN:kernel-0:5.14.0-427.13.1.el9_4.x86_64</c> for fixed packages and
/// <c>red_hat_enterprise_linux_9:kernel</c> for unfixed components, remediations
/// vendor_fix/no_fix_planned/none_available, an impact threat as the severity). It checks the rules
/// the exposure relies on: the required document fields, and that every product id a status, a
/// remediation or a threat names is defined in the product tree. A document that breaks them is
/// refused with the reason; it is never read as "not affected".
/// </summary>
internal static class VexDocument
{
    private static readonly string[] Arches = ["x86_64", "aarch64", "ppc64le", "s390x", "i686", "noarch", "src"];

    /// <exception cref="InvalidDataException">Not JSON, not a CSAF VEX document, or a product id that resolves nowhere.</exception>
    public static VexRecord Read(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not JSON: {ex.Message}", ex);
        }
    }

    private static VexRecord Read(JsonElement root)
    {
        var document = Member(root, "document", JsonValueKind.Object);
        var category = Text(document, "category", "document.category");
        if (category != "csaf_vex")
        {
            throw new InvalidDataException($"document.category is '{category}', not csaf_vex");
        }

        if (Text(document, "csaf_version", "document.csaf_version") != "2.0")
        {
            throw new InvalidDataException("document.csaf_version is not 2.0");
        }

        var publisher = Member(document, "publisher", JsonValueKind.Object, "document.publisher");
        Text(publisher, "category", "document.publisher.category");
        Text(publisher, "name", "document.publisher.name");
        Text(publisher, "namespace", "document.publisher.namespace");
        Text(document, "title", "document.title");
        var tracking = Member(document, "tracking", JsonValueKind.Object, "document.tracking");
        foreach (var field in (string[])["id", "status", "version", "initial_release_date", "current_release_date"])
        {
            Text(tracking, field, "document.tracking." + field);
        }

        if (Member(tracking, "revision_history", JsonValueKind.Array, "document.tracking.revision_history").GetArrayLength() == 0)
        {
            throw new InvalidDataException("document.tracking.revision_history is empty");
        }

        var tree = ProductTree.Read(Member(root, "product_tree", JsonValueKind.Object));
        var vulnerabilities = Member(root, "vulnerabilities", JsonValueKind.Array);
        if (vulnerabilities.GetArrayLength() != 1)
        {
            throw new InvalidDataException($"vulnerabilities has {vulnerabilities.GetArrayLength()} entries; a Red Hat VEX document has one CVE");
        }

        var vulnerability = vulnerabilities[0];
        var cve = Text(vulnerability, "cve", "vulnerabilities[0].cve");
        if (!cve.StartsWith("CVE-", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"vulnerabilities[0].cve is '{cve}', not a CVE id");
        }

        var advisories = Remediations(vulnerability, tree);
        var severity = Severity(vulnerability, tree) ?? AggregateSeverity(document);
        var products = new List<VexProduct>();
        var statuses = Member(vulnerability, "product_status", JsonValueKind.Object, "vulnerabilities[0].product_status");
        foreach (var group in statuses.EnumerateObject())
        {
            VexStatus? status = group.Name switch
            {
                "fixed" or "first_fixed" => VexStatus.Fixed,
                "known_affected" or "first_affected" or "last_affected" => VexStatus.KnownAffected,
                "known_not_affected" => VexStatus.KnownNotAffected,
                "under_investigation" => VexStatus.UnderInvestigation,
                _ => null,
            };
            foreach (var id in Ids(group.Value, $"product_status.{group.Name}"))
            {
                tree.Require(id, $"product_status.{group.Name}");
                if (status is { } known && Product(known, id, tree, advisories) is { } product && !products.Contains(product))
                {
                    products.Add(product);
                }
            }
        }

        return new VexRecord(cve, severity, products);
    }

    /// <summary>A kernel or kpatch-patch product: platform's major version, name and (fixed) version; null for any other component.</summary>
    private static VexProduct? Product(VexStatus status, string id, ProductTree tree, Dictionary<string, string> advisories)
    {
        var (platform, component) = tree.Split(id);
        if (platform is null)
        {
            return null;
        }

        var (name, evr) = Component(component);
        if (name != "kernel" && !name.StartsWith("kpatch-patch-", StringComparison.Ordinal))
        {
            return null;
        }

        var major = Major(platform);
        return major is null ? null : new VexProduct(status, name, major.Value, evr, advisories.GetValueOrDefault(id, ""));
    }

    /// <summary><c>kernel-0:5.14.0-427.13.1.el9_4.x86_64</c> gives (kernel, 5.14.0-427.13.1.el9_4); <c>kernel</c> gives (kernel, "").</summary>
    internal static (string Name, string Evr) Component(string component)
    {
        var colon = component.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (component, "");
        }

        var nameEpoch = component[..colon];
        var dash = nameEpoch.LastIndexOf('-');
        var (name, epoch) = dash > 0 ? (nameEpoch[..dash], nameEpoch[(dash + 1)..]) : (nameEpoch, "0");
        var versionRelease = component[(colon + 1)..];
        foreach (var arch in Arches)
        {
            if (versionRelease.EndsWith("." + arch, StringComparison.Ordinal))
            {
                versionRelease = versionRelease[..^(arch.Length + 1)];
                break;
            }
        }

        return (name, epoch is "0" or "" ? versionRelease : epoch + ":" + versionRelease);
    }

    /// <summary>The first number of a platform id: 9 of <c>BaseOS-9.4.0.Z.MAIN</c> and of <c>red_hat_enterprise_linux_9</c>.</summary>
    internal static int? Major(string platform)
    {
        var start = platform.AsSpan().IndexOfAnyInRange('0', '9');
        if (start < 0)
        {
            return null;
        }

        var end = start;
        while (end < platform.Length && char.IsAsciiDigit(platform[end]))
        {
            end++;
        }

        return end - start <= 3 ? int.Parse(platform.AsSpan(start, end - start), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Each product id's vendor_fix URL; every id a remediation names must resolve.</summary>
    private static Dictionary<string, string> Remediations(JsonElement vulnerability, ProductTree tree)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!vulnerability.TryGetProperty("remediations", out var remediations))
        {
            return urls;
        }

        if (remediations.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("vulnerabilities[0].remediations is not an array");
        }

        foreach (var remediation in remediations.EnumerateArray())
        {
            var category = Text(remediation, "category", "remediations[].category");
            Text(remediation, "details", "remediations[].details");
            var url = remediation.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
            foreach (var id in remediation.TryGetProperty("product_ids", out var ids) ? Ids(ids, "remediations[].product_ids") : [])
            {
                tree.Require(id, "remediations[].product_ids");
                if (category == "vendor_fix" && url.Length > 0)
                {
                    urls.TryAdd(id, url);
                }
            }
        }

        return urls;
    }

    /// <summary>The impact threat's details (Red Hat: Low, Moderate, Important, Critical); its product ids must resolve.</summary>
    private static string? Severity(JsonElement vulnerability, ProductTree tree)
    {
        if (!vulnerability.TryGetProperty("threats", out var threats) || threats.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        string? severity = null;
        foreach (var threat in threats.EnumerateArray())
        {
            var category = Text(threat, "category", "threats[].category");
            var details = Text(threat, "details", "threats[].details");
            foreach (var id in threat.TryGetProperty("product_ids", out var ids) ? Ids(ids, "threats[].product_ids") : [])
            {
                tree.Require(id, "threats[].product_ids");
            }

            if (category == "impact")
            {
                severity ??= details;
            }
        }

        return severity;
    }

    private static string? AggregateSeverity(JsonElement document) =>
        document.TryGetProperty("aggregate_severity", out var aggregate) && aggregate.ValueKind == JsonValueKind.Object
            && aggregate.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    private static List<string> Ids(JsonElement array, string where)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{where} is not an array of product ids");
        }

        var ids = new List<string>(array.GetArrayLength());
        foreach (var id in array.EnumerateArray())
        {
            ids.Add(id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text ? text : throw new InvalidDataException($"{where} holds {id.GetRawText()}, not a product id"));
        }

        return ids;
    }

    internal static JsonElement Member(JsonElement element, string name, JsonValueKind kind, string? where = null) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new InvalidDataException($"{where ?? name} is missing or not {(kind == JsonValueKind.Array ? "an array" : "an object")}");

    internal static string Text(JsonElement element, string name, string where) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{where} is missing or empty");
}
