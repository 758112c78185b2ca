using System.Text.RegularExpressions;
using KpatchScript.TestFixtures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

/// <summary>
/// Every rule's help link is an absolute URI (IDEs and SARIF readers open nothing else) at the
/// repository's published address, and names a help page that exists in this repository.
/// </summary>
public sealed partial class HelpLinkTests
{
    public static TheoryData<string> Rules => new(Descriptors().Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_rule_links_to_its_page_at_the_address_the_package_publishes(string id)
    {
        var link = Descriptors().Single(d => d.Id == id).HelpLinkUri;
        var home = SpecUrl().Match(File.ReadAllText(RepositoryPaths.Combine("src", "packaging", "kpatch-script.spec"))).Groups[1].Value;

        Assert.True(Uri.TryCreate(link, UriKind.Absolute, out _), $"'{link}' is not an absolute URI");
        Assert.Equal($"{home}/blob/main/src/KpatchScript.Analyzers/rules/{id}.md", link);
        Assert.True(File.Exists(RepositoryPaths.Combine("src", "KpatchScript.Analyzers", "rules", id + ".md")), $"{id} has no help page");
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(BannedApiAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

    [GeneratedRegex(@"^URL:\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SpecUrl();
}
