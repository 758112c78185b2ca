using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script workflows list</c>.</summary>
/// <param name="Action">What to do: list, the only action so far.</param>
/// <param name="Json">--json: print JSON.</param>
/// <param name="Directory">--directory made absolute, or the configured workflows_directory.</param>
internal sealed record WorkflowsSettings(string Action, bool Json, string Directory) : IVerbSettings
{
    public const string Verb = "workflows";

    public static readonly PositionalArgument ActionArgument = new("list", "what to do (list)", "List the workflow scripts");

    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print the list as JSON (schema: workflows.schema.json, version 1)");
    private static readonly Option DirectoryOption = new("--directory", "DIR", "List DIR instead of the configured directory");

    public static readonly OptionTable Table = new(Verb, [JsonOption, DirectoryOption, SharedOptions.Verbose], ActionArgument);

    public static WorkflowsSettings Parse(ArgumentReader reader, string defaultDirectory)
    {
        var json = reader.Flag(JsonOption);
        var directory = reader.Value(DirectoryOption) is { } given ? Path.GetFullPath(given) : defaultDirectory;
        return new(reader.Argument(ActionArgument), json, directory);
    }

    public void Validate()
    {
        if (Action != "list")
        {
            throw new UsageException($"unknown workflows action '{Action}' (known: list); see 'kpatch-script {Verb} --help'");
        }
    }
}
