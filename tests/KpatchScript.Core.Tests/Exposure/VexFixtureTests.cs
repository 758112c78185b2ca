using System.Text.Json.Nodes;
using KpatchScript.Exposure;
using KpatchScript.TestFixtures;

namespace KpatchScript.Core.Tests.Exposure;

/// <summary>
/// The VEX fixtures are ours, written after OASIS CSAF 2.0 and Red Hat's conventions. This checks
/// each against the CSAF rules the exposure relies on, with a checker of its own (not the product's
/// reader): the required document fields of the csaf_vex profile, and that every product id a
/// status, a remediation or a threat names is defined in the product tree. The malformed fixtures
/// break one rule each, and the product's reader refuses each, naming what is wrong.
/// </summary>
public sealed class VexFixtureTests
{
    public static string Directory => RepositoryPaths.Combine("tests", "KpatchScript.Core.Tests", "Exposure", "Vex");

    public static TheoryData<string> Valid => [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Valid))]
    public void Each_fixture_follows_the_csaf_rules_that_matter_here(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, file)))!;

        Assert.Empty(CsafProblems(root));
        Assert.Equal(Path.GetFileNameWithoutExtension(file).ToUpperInvariant(), (string)root["vulnerabilities"]![0]!["cve"]!);
        Assert.Equal(Path.GetFileNameWithoutExtension(file).ToUpperInvariant(), VexDocument.Read(File.ReadAllBytes(Path.Combine(Directory, file))).Cve);
    }

    [Theory]
    [InlineData("cve-2024-60001-truncated.json", "not JSON: ")]
    [InlineData("cve-2024-60002-no-product-tree.json", "product_tree is missing or not an object")]
    [InlineData("cve-2024-60003-unresolved-product.json", "product_status.fixed names product id 'BaseOS-9.4.0.Z.MAIN:kernel-0:5.14.0-427.99.1.el9_4.x86_64', which the product tree does not define")]
    [InlineData("cve-2024-60004-missing-document-fields.json", "document.publisher.namespace is missing or empty")]
    public void Each_malformed_fixture_breaks_a_rule_and_is_refused_with_it(string file, string reason)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, "Malformed", file));

        var refused = Assert.Throws<InvalidDataException>(() => VexDocument.Read(bytes));

        Assert.StartsWith(reason, refused.Message, StringComparison.Ordinal);
        if (!file.Contains("truncated", StringComparison.Ordinal))
        {
            Assert.NotEmpty(CsafProblems(JsonNode.Parse(bytes)!));
        }
    }

    /// <summary>What breaks CSAF 2.0's rules for a csaf_vex document (sections 3.2.1, 3.1.3, 4.5 of the standard), in words.</summary>
    private static List<string> CsafProblems(JsonNode root)
    {
        var problems = new List<string>();
        void Need(JsonNode? node, string path)
        {
            if (node is null || (node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
            {
                problems.Add("missing " + path);
            }
        }

        var document = root["document"];
        foreach (var path in (string[])["category", "csaf_version", "publisher", "title", "tracking", "notes", "references"])
        {
            Need(document?[path], "document." + path);
        }

        foreach (var path in (string[])["category", "name", "namespace"])
        {
            Need(document?["publisher"]?[path], "document.publisher." + path);
        }

        foreach (var path in (string[])["id", "status", "version", "initial_release_date", "current_release_date", "revision_history"])
        {
            Need(document?["tracking"]?[path], "document.tracking." + path);
        }

        if ((string?)document?["category"] != "csaf_vex" || (string?)document?["csaf_version"] != "2.0")
        {
            problems.Add("not csaf_vex 2.0");
        }

        Need(root["product_tree"], "product_tree");
        Need(root["vulnerabilities"], "vulnerabilities");
        var defined = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? branches)
        {
            foreach (var branch in branches?.AsArray() ?? [])
            {
                if (branch?["product"]?["product_id"] is { } id)
                {
                    defined.Add((string)id!);
                }

                Walk(branch?["branches"]);
            }
        }

        Walk(root["product_tree"]?["branches"]);
        foreach (var relationship in root["product_tree"]?["relationships"]?.AsArray() ?? [])
        {
            defined.Add((string)relationship!["full_product_name"]!["product_id"]!);
        }

        foreach (var vulnerability in root["vulnerabilities"]?.AsArray() ?? [])
        {
            Need(vulnerability?["cve"], "vulnerabilities[].cve");
            var named = new List<string>();
            foreach (var status in vulnerability?["product_status"]?.AsObject() ?? [])
            {
                named.AddRange(status.Value!.AsArray().Select(id => (string)id!));
            }

            foreach (var group in (string[])["remediations", "threats"])
            {
                foreach (var item in vulnerability?[group]?.AsArray() ?? [])
                {
                    Need(item?["category"], $"vulnerabilities[].{group}[].category");
                    Need(item?["details"], $"vulnerabilities[].{group}[].details");
                    named.AddRange(item?["product_ids"]?.AsArray().Select(id => (string)id!) ?? []);
                }
            }

            problems.AddRange(named.Where(id => !defined.Contains(id)).Select(id => "undefined product id " + id));
        }

        return problems;
    }
}
