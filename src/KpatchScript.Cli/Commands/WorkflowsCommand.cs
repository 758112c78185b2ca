using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Workflows;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script workflows list</c>: the workflow scripts an administrator put in the workflows directory (what the Cockpit panel offers to run).</summary>
internal sealed class WorkflowsCommand : ICliCommand
{
    public string Name => "workflows";

    public string Summary => "List the workflow scripts (*.csx) of the workflows directory, with their descriptions";

    public string Help => $"""
        Usage: kpatch-script workflows list [--json] [--directory DIR]

        Lists the *.csx files of the workflows directory (workflows_directory in the configuration,
        {Configuration.CommandDefaults.DefaultWorkflowsDirectory} by default; not its subdirectories), by name, each
        with its path and its description: the first comment line of its header, after the #! line.
        Run one with 'kpatch-script run PATH --dry-run' first, then without --dry-run.
        A missing directory lists nothing (and says so).

        Options:
          --json            Print the list as JSON (schema: workflows.schema.json, version 1)
          --directory DIR   List DIR instead of the configured directory

        Exit codes: 0 listed (possibly nothing), 1 the directory cannot be read, 2 wrong command line.
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, Name);
        var json = reader.Flag("--json");
        var directory = reader.Option("--directory") is { } given ? Path.GetFullPath(given) : environment.Defaults.WorkflowsDirectory;
        if (reader.Argument("what to do (list)") is var action && action != "list")
        {
            throw new UsageException($"unknown workflows action '{action}' (known: list); see 'kpatch-script workflows --help'");
        }

        reader.EnsureConsumed();
        var listing = WorkflowCatalog.List(directory);
        if (json)
        {
            environment.Out.WriteLine(WorkflowsJson.Write(listing));
        }
        else if (listing.Workflows.Count == 0)
        {
            environment.Out.WriteLine(SafeText.Of(listing.Exists ? $"No workflow scripts (*.csx) in {directory}." : $"No workflows: {directory} does not exist."));
        }
        else
        {
            var width = listing.Workflows.Max(w => w.Name.Length) + 2;
            foreach (var workflow in listing.Workflows)
            {
                environment.Out.WriteLine(SafeText.Of($"{workflow.Name.PadRight(width)}{workflow.Description ?? "(no description)"}"));
            }
        }

        return ExitCodes.Ok;
    }
}
