using System.Text.Json;
using KpatchScript.Analyzers;
using KpatchScript.IO;
using KpatchScript.Scripting.Compilation;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// The configuration of the script host's KPS rules: <c>rule_severities</c> (an object of rule id
/// to <c>error</c>, <c>warning</c> or <c>none</c>) and <c>banned_symbols_file</c> (a BannedSymbols
/// list for rule KPS1009, checked line by line here so a typo never bans nothing silently). Both
/// land in <see cref="SiteConfig.ScriptRules"/>.
/// </summary>
internal static class ScriptRuleSettings
{
    public static ScriptRules WithSeverities(ScriptRules rules, ConfigValue value)
    {
        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            throw value.Invalid($"{value.Key} must be an object like {{\"KPS1005\": \"error\"}}, not {value.Value.GetRawText()}");
        }

        var known = ScriptRules.KnownRuleIds;
        var severities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in value.Value.EnumerateObject())
        {
            if (!known.Contains(rule.Name))
            {
                throw value.Invalid($"{value.Key}: unknown rule '{rule.Name}' (known: {string.Join(", ", known)})");
            }

            var severity = rule.Value.ValueKind == JsonValueKind.String ? rule.Value.GetString()! : rule.Value.GetRawText();
            if (!ScriptRules.SeverityWords.Contains(severity))
            {
                throw value.Invalid($"{value.Key}: {rule.Name} must be \"error\", \"warning\" or \"none\", not {rule.Value.GetRawText()}");
            }

            severities[rule.Name] = severity;
        }

        return rules with { Severities = severities };
    }

    /// <summary>
    /// The list read once, at its full path (a relative one is relative to the configuration file),
    /// after checking every line: the compile gets this text, so what was checked is what is banned.
    /// </summary>
    public static ScriptRules WithBannedSymbols(ScriptRules rules, ConfigValue value)
    {
        var file = value.FullPath(value.Text());
        string text;
        try
        {
            text = BoundedFile.ReadText(file, ReadLimits.Configuration);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw value.Invalid($"banned_symbols_file {file} cannot be read: {ex.Message}");
        }

        var lines = BoundedFile.Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            if (BannedSymbolsFormat.Problem(lines[i]) is { } problem)
            {
                throw value.Invalid($"banned_symbols_file {file}, line {i + 1}: {problem}");
            }
        }

        return rules with { BannedSymbolsPath = file, BannedSymbolsText = text };
    }
}
