using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Settings;
using KpatchScript.Cli.Workflows;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script workflows list</c>: the workflow scripts an administrator put in the workflows directory (what the Cockpit panel offers to run).</summary>
internal sealed class WorkflowsCommand : ICliCommand
{
    public string Name => WorkflowsSettings.Verb;

    public string Summary => "List the workflow scripts (*.csx) of the workflows directory, with their descriptions";

    public OptionTable Options => WorkflowsSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        Lists the *.csx files of the workflows directory (workflows_directory in the configuration,
        {Configuration.CommandDefaults.DefaultWorkflowsDirectory} by default; not its subdirectories), by name, each
        with its path and its description: the first comment line of its header, after the #! line.
        Run one with 'kpatch-script run PATH --dry-run' first, then without --dry-run.
        A missing directory lists nothing (and says so).
        """, """
        Exit codes: 0 listed (possibly nothing), 1 the directory cannot be read, 2 wrong command line.
        """);

    public static WorkflowsSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        WorkflowsSettings.Table.Read(arguments, reader => WorkflowsSettings.Parse(reader, environment.Defaults.WorkflowsDirectory));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var (json, directory) = (settings.Json, settings.Directory);
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
