using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

public sealed class WorkflowsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-workflows-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Workflows => Path.Combine(_directory, "workflows");

    [Fact]
    public void Lists_the_scripts_of_the_configured_directory_by_name_with_their_first_comment_line()
    {
        Directory.CreateDirectory(Path.Combine(Workflows, "lib"));
        File.WriteAllText(Path.Combine(Workflows, "nightly.csx"), "#!/usr/bin/env kpatch-script\n\n//\n// nightly: install updates, verify, report.\n// More words.\nusing KpatchScript;\n");
        File.WriteAllText(Path.Combine(Workflows, "bare.csx"), "Print(\"hi\");\n// a comment after code is not a description\n");
        File.WriteAllText(Path.Combine(Workflows, "lib", "helpers.csx"), "// a #load helper, not a workflow\n");
        File.WriteAllText(Path.Combine(Workflows, "README.txt"), "// not a script\n");
        var config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, """{ "workflows_directory": "workflows" }""");

        var json = CliRunner.RunWithConfig(config, "workflows", "list", "--json");
        var words = CliRunner.RunWithConfig(config, "workflows", "list");

        Assert.Equal((0, ""), (json.ExitCode, json.Error));
        Assert.Empty(JsonSchemaFile.Workflows.Errors(json.Out));
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal((Workflows, true), (root.GetProperty("directory").GetString(), root.GetProperty("exists").GetBoolean()));
        Assert.Equal(
            [("bare", Path.Combine(Workflows, "bare.csx"), null), ("nightly", Path.Combine(Workflows, "nightly.csx"), "nightly: install updates, verify, report.")],
            root.GetProperty("workflows").EnumerateArray().Select(w => (w.GetProperty("name").GetString(), w.GetProperty("path").GetString(), w.GetProperty("description").GetString())));
        Assert.Equal((0, "bare     (no description)\nnightly  nightly: install updates, verify, report.\n"), (words.ExitCode, words.Out));
    }

    [Fact]
    public void Describes_the_shipped_workflow_scripts()
    {
        var outcome = CliRunner.Run("workflows", "list", "--json", "--directory", RepositoryPaths.Combine("scripts"));

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        var descriptions = JsonDocument.Parse(outcome.Out).RootElement.GetProperty("workflows").EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!, w => w.GetProperty("description").GetString());
        // Each shipped script opens with "#!", then "// name: what it does".
        foreach (var name in new[] { "apply-updates", "status-report" })
        {
            var header = File.ReadLines(RepositoryPaths.Combine("scripts", name + ".csx")).ElementAt(1);
            Assert.Equal(header["// ".Length..], descriptions[name]);
            Assert.StartsWith(name + ": ", descriptions[name], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_directory_lists_nothing_and_says_so()
    {
        var json = CliRunner.Run("workflows", "list", "--json", "--directory", Workflows);
        var words = CliRunner.Run("workflows", "list", "--directory", Workflows);

        Assert.Equal((0, ""), (json.ExitCode, json.Error));
        Assert.Empty(JsonSchemaFile.Workflows.Errors(json.Out));
        Assert.False(JsonDocument.Parse(json.Out).RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal($"No workflows: {Workflows} does not exist.\n", words.Out);
    }

    [Fact]
    public void The_default_directory_is_etc_kpatch_script_workflows()
    {
        var outcome = CliRunner.Run("workflows", "list", "--json");

        Assert.Equal("/etc/kpatch-script/workflows", JsonDocument.Parse(outcome.Out).RootElement.GetProperty("directory").GetString());
    }

    [Theory]
    [InlineData(new[] { "workflows" }, "kpatch-script: error: workflows needs what to do (list); see 'kpatch-script workflows --help'\n")]
    [InlineData(new[] { "workflows", "run" }, "kpatch-script: error: unknown workflows action 'run' (known: list); see 'kpatch-script workflows --help'\n")]
    [InlineData(new[] { "workflows", "list", "--all" }, "kpatch-script: error: unknown option '--all' for 'workflows'; see 'kpatch-script workflows --help'\n")]
    public void A_wrong_command_line_exits_2_with_one_line(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((2, expected), (outcome.ExitCode, outcome.Error));
    }
}
