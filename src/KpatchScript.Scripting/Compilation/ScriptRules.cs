namespace KpatchScript.Scripting.Compilation;

/// <summary>
/// How the KPS rules are configured for a site: severities that replace the rules' defaults
/// (<c>rule_severities</c>) and the banned-API list of rule KPS1009 (<c>banned_symbols_file</c>).
/// Both change what a compile reports, so both are part of the cache key.
/// </summary>
/// <param name="Severities">Rule id to <c>error</c>, <c>warning</c> or <c>none</c>.</param>
/// <param name="BannedSymbolsPath">The list file, for messages; null for none.</param>
/// <param name="BannedSymbolsText">The list's text; null for none.</param>
public sealed record ScriptRules(IReadOnlyDictionary<string, string> Severities, string? BannedSymbolsPath, string? BannedSymbolsText)
{
    /// <summary>Every rule at its default severity, nothing banned.</summary>
    public static ScriptRules Default { get; } = new(new Dictionary<string, string>(), null, null);

    /// <summary>The severities a rule can be given in the configuration.</summary>
    public static IReadOnlyList<string> SeverityWords { get; } = ["error", "warning", "none"];

    /// <summary>The ids of the KPS rules the script host runs (KPS1001 ...), in order.</summary>
    public static IReadOnlyList<string> KnownRuleIds =>
        [.. ScriptAnalyzers.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>What goes into the cache key: empty for the defaults.</summary>
    internal string Fingerprint
    {
        get
        {
            if (Severities.Count == 0 && BannedSymbolsText is null)
            {
                return "";
            }

            var parts = new List<string>();
            foreach (var (id, severity) in Severities)
            {
                parts.Add(id + "=" + severity);
            }

            parts.Sort(StringComparer.Ordinal);
            return string.Join(",", parts) + "\n" + BannedSymbolsText;
        }
    }
}
