using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KpatchScript.IO;
using KpatchScript.Serialization;

namespace KpatchScript.Reporting.Alerts;

/// <summary>
/// The alert state between runs: <c>var/lib/kpatch-script/alert-state.json</c> under
/// <c>state_directory</c>. A missing file is an empty state. A file that cannot be read as a
/// state is an error naming it and is never overwritten: removing it is the admin's decision
/// (the next run then notifies every present problem once more). A key that appears twice makes
/// it corrupt too: which of the two would count is not for the reader to guess.
/// </summary>
public static class AlertStateFile
{
    public const string Relative = "var/lib/kpatch-script/alert-state.json";

    /// <summary>The state file under <paramref name="stateDirectory"/> (null: <c>/</c>).</summary>
    public static string PathFor(string? stateDirectory) =>
        (string.IsNullOrEmpty(stateDirectory) ? "/" : stateDirectory.TrimEnd('/') + "/") + Relative;

    /// <exception cref="AlertStateException">The file exists but is not a state file.</exception>
    public static IReadOnlyList<AlertStateEntry> Read(string path)
    {
        string text;
        try
        {
            if (BoundedFile.KindOf(path) == Host.EntryKind.Missing)
            {
                return [];
            }

            text = BoundedFile.ReadText(path, ReadLimits.AlertState);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AlertStateException($"alert state {path} cannot be read: {ex.Message}");
        }

        try
        {
            using (var document = JsonDocument.Parse(text))
            {
                if (JsonKeys.FirstDuplicate(document.RootElement) is { } key)
                {
                    throw new FormatException($"key '{key}' appears twice");
                }
            }

            var root = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("not a JSON object");
            if (root["schema_version"]?.GetValue<int>() != 1 || root["alerts"] is not JsonArray alerts)
            {
                throw new FormatException("no schema_version 1 and alerts array");
            }

            return alerts.Select(Entry).ToList();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new AlertStateException($"alert state {path} is corrupt ({JsonErrors.Describe(ex)}); it is left as it is: fix it, or remove it to start afresh (every present problem is then notified again)");
        }
    }

    /// <summary>Writes the state atomically, creating its directory.</summary>
    /// <exception cref="AlertStateException">It cannot be written.</exception>
    public static void Write(string path, IReadOnlyList<AlertStateEntry> entries)
    {
        var alerts = new JsonArray();
        foreach (var e in entries)
        {
            alerts.Add(new JsonObject
            {
                ["key"] = e.Key,
                ["rule"] = e.Rule,
                ["severity"] = AlertJson.Word(e.Severity),
                ["host"] = e.Host,
                ["target"] = e.Target,
                ["summary"] = e.Summary,
                ["first_seen"] = JsonConvention.Time(e.FirstSeen),
                ["last_notified"] = e.LastNotified is { } last ? JsonConvention.Time(last) : null,
            });
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.Write(path, new JsonObject { ["schema_version"] = 1, ["alerts"] = alerts }.ToJsonString(JsonConvention.Indented) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AlertStateException($"alert state cannot be written: {ex.Message}");
        }
    }

    private static AlertStateEntry Entry(JsonNode? node)
    {
        var o = node as JsonObject ?? throw new FormatException("an alert that is not an object");
        string Text(string name) => o[name]?.GetValue<string>() ?? throw new FormatException($"an alert without \"{name}\"");
        DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var severity = AlertJson.Severity(Text("severity")) ?? throw new FormatException($"unknown severity '{Text("severity")}'");
        var last = o["last_notified"]?.GetValue<string>();
        return new AlertStateEntry(Text("key"), Text("rule"), severity, Text("host"), Text("target"), Text("summary"), At(Text("first_seen")), last is null ? null : At(last));
    }
}
