using System.Text.Json;
using Json.Schema;

namespace KpatchScript.TestFixtures;

/// <summary>Validates JSON output against a schema file shipped in Abstractions.</summary>
public sealed class JsonSchemaFile
{
    // The other schemas refer to the verdict schema by its $id: it is registered once per process, before any of them loads.
    private static readonly Lazy<JsonSchema> VerdictSchema = new(() =>
    {
        var schema = Load("Verdicts/verdict.schema.json");
        SchemaRegistry.Global.Register(schema);
        return schema;
    });

    /// <summary>kpatch-script status --json.</summary>
    public static JsonSchemaFile Status { get; } = new("Status/host-status.schema.json");

    /// <summary>kpatch-script install|update|auto-update --json.</summary>
    public static JsonSchemaFile OperationResult { get; } = new("Operations/operation-result.schema.json");

    /// <summary>kpatch-script available --json.</summary>
    public static JsonSchemaFile Available { get; } = new("Operations/available.schema.json");

    /// <summary>kpatch-script verify --json.</summary>
    public static JsonSchemaFile Verification { get; } = new("Verification/verification.schema.json");

    /// <summary>kpatch-script alerts --json.</summary>
    public static JsonSchemaFile Alerts { get; } = new("Alerts/alerts.schema.json");

    /// <summary>kpatch-script auto-update status --json.</summary>
    public static JsonSchemaFile AutoUpdate { get; } = new("Operations/auto-update.schema.json");

    /// <summary>kpatch-script journal --json.</summary>
    public static JsonSchemaFile Journal { get; } = new("Operations/journal.schema.json");

    /// <summary>kpatch-script workflows list --json.</summary>
    public static JsonSchemaFile Workflows { get; } = new("Operations/workflows.schema.json");

    /// <summary>kpatch-script report --format json (the host report model).</summary>
    public static JsonSchemaFile Report { get; } = new("Reports/report.schema.json");

    /// <summary>kpatch-script report --fleet DIR --format json.</summary>
    public static JsonSchemaFile FleetReport { get; } = new("Reports/fleet-report.schema.json");

    /// <summary>kpatch-script --info --json.</summary>
    public static JsonSchemaFile Info { get; } = new("Operations/info.schema.json");

    /// <summary>kpatch-script info MODULE --json.</summary>
    public static JsonSchemaFile ModuleInfo { get; } = new("Modules/module-info.schema.json");

    /// <summary>kpatch-script plugins list|info --json.</summary>
    public static JsonSchemaFile Plugins { get; } = new("Plugins/plugins.schema.json");

    /// <summary>The verdict object the documents above refer to by its $id.</summary>
    public static JsonSchemaFile Verdict { get; } = new(() => VerdictSchema.Value);

    private readonly Lazy<JsonSchema> _schema;

    private JsonSchemaFile(string relativePath)
        : this(() =>
        {
            _ = VerdictSchema.Value;
            return Load(relativePath);
        })
    {
    }

    private JsonSchemaFile(Func<JsonSchema> load) => _schema = new(load);

    private static JsonSchema Load(string relativePath) =>
        JsonSchema.FromText(File.ReadAllText(RepositoryPaths.Combine(["src", "KpatchScript.Abstractions", .. relativePath.Split('/')])));

    /// <summary>The schema errors of <paramref name="json"/>; empty when it is valid.</summary>
    public IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = _schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
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
