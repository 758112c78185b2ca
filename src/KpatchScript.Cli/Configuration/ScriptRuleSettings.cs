using System.Text.Json;
using KpatchScript.Analyzers;
using KpatchScript.IO;
using KpatchScript.Scripting.Compilation;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// The configuration of the script host's KPS rules: <c>rule_severities</c> (an object of rule id
/// to <c>error</c>, <c>warning</c> or <c>none</c>) and <c>banned_symbols_file</c> (a BannedSymbols
/// list for rule KPS1009, checked line by line here so a typo never bans nothing silently).
/// </summary>
internal static class ScriptRuleSettings
{
    public static Dictionary<string, string> Severities(string path, JsonProperty property)
    {
        if (property.Value.ValueKind != JsonValueKind.Object)
        {
            throw ConfigFile.Invalid(path, $"{property.Name} must be an object like {{\"KPS1005\": \"error\"}}, not {property.Value.GetRawText()}");
        }

        var known = ScriptRules.KnownRuleIds;
        var severities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in property.Value.EnumerateObject())
        {
            if (!known.Contains(rule.Name))
            {
                throw ConfigFile.Invalid(path, $"{property.Name}: unknown rule '{rule.Name}' (known: {string.Join(", ", known)})");
            }

            var severity = rule.Value.ValueKind == JsonValueKind.String ? rule.Value.GetString()! : rule.Value.GetRawText();
            if (!ScriptRules.SeverityWords.Contains(severity))
            {
                throw ConfigFile.Invalid(path, $"{property.Name}: {rule.Name} must be \"error\", \"warning\" or \"none\", not {rule.Value.GetRawText()}");
            }

            severities[rule.Name] = severity;
        }

        return severities;
    }

    /// <summary>The list's full path (a relative one is relative to the configuration file), after checking every line.</summary>
    public static string BannedSymbolsFile(string path, string file)
    {
        file = Path.GetFullPath(file, Path.GetDirectoryName(Path.GetFullPath(path))!);
        string[] lines;
        try
        {
            lines = BoundedFile.ReadLines(file, ReadLimits.Configuration);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ConfigFile.Invalid(path, $"banned_symbols_file {file} cannot be read: {ex.Message}");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (BannedSymbolsFormat.Problem(lines[i]) is { } problem)
            {
                throw ConfigFile.Invalid(path, $"banned_symbols_file {file}, line {i + 1}: {problem}");
            }
        }

        return file;
    }
}
