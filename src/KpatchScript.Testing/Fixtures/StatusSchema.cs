using System.Text.Json;
using Json.Schema;

namespace KpatchScript.Testing.Fixtures;

/// <summary>Validates status JSON against the schema file shipped in Abstractions.</summary>
public static class StatusSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(RepositoryPaths.Combine("src", "KpatchScript.Abstractions", "Status", "host-status.schema.json"))));

    /// <summary>The schema errors of <paramref name="json"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToList();
    }
}
