namespace KpatchScript.Analyzers.Support;

/// <summary>What every KPS rule shares.</summary>
internal static class RuleInfo
{
    /// <summary>One category: the rules are about how scripts drive the host, not code style.</summary>
    internal const string Category = "KpatchScript";

    /// <summary>
    /// Help pages live next to the analyzer (the repository has no top-level docs folder); the link
    /// is the page's path in the repository, resolved against wherever it is hosted.
    /// </summary>
    internal const string HelpBase = "src/KpatchScript.Analyzers/rules/";
}
