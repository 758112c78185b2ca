using Microsoft.CodeAnalysis;

namespace KpatchScript.Analyzers.Support;

/// <summary>What every KPS rule shares.</summary>
internal static class RuleInfo
{
    /// <summary>One category: the rules are about how scripts drive the host, not code style.</summary>
    internal const string Category = "KpatchScript";

    /// <summary>
    /// Where the help pages are read: the repository's own address (the one the RPM publishes as
    /// its URL in src/packaging/kpatch-script.spec) plus the page's path in the repository. The
    /// product has no web site of its own, and IDEs and SARIF consumers need an absolute URI to
    /// open a link: a relative one (what this was) opens nothing. Pinned to the main branch so a
    /// link stays right while the page stays beside its analyzer; a test checks the address still
    /// matches the spec's and that every rule's page exists.
    /// </summary>
    internal const string HelpBase = "https://github.com/kpatchscript/kpatch-script/blob/main/src/KpatchScript.Analyzers/rules/";

    /// <summary>The help page of rule <paramref name="id"/>.</summary>
    internal static string HelpLink(string id) => HelpBase + id + ".md";

    /// <summary>A rule's descriptor: the category, on by default, and the help link every rule has.</summary>
    internal static DiagnosticDescriptor Rule(string id, DiagnosticSeverity severity, string title, string message, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));
}
