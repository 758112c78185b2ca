using System.Text.Json.Nodes;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Workflows;

/// <summary><c>workflows list --json</c>, schema <c>Operations/workflows.schema.json</c> version 1.</summary>
internal static class WorkflowsJson
{
    public static string Write(WorkflowListing listing)
    {
        var workflows = new JsonArray();
        foreach (var workflow in listing.Workflows)
        {
            workflows.Add(new JsonObject { ["name"] = workflow.Name, ["path"] = workflow.Path, ["description"] = workflow.Description });
        }

        return new JsonObject
        {
            ["schema_version"] = 1,
            ["directory"] = listing.Directory,
            ["exists"] = listing.Exists,
            ["workflows"] = workflows,
        }.ToJsonString(JsonConvention.Indented);
    }
}
