using KpatchScript.Cli.Settings;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// Issue 17: after the script path, in "run FILE.csx" and in the "#!" form ("FILE.csx", what
/// '#!/usr/bin/env kpatch-script' runs), kpatch-script's own options are its own, as in
/// dotnet-script; the script gets the other words and everything after "--"; any other option
/// before "--" is a usage error that says where it goes.
/// </summary>
public sealed class RunCommandLineTests
{
    [Theory]
    [InlineData(new[] { "main.csx", "word", "--frobnicate" }, "unknown option '--frobnicate' for 'run'; a script's own options go after '--' (main.csx -- --frobnicate); see 'kpatch-script run --help'")]
    [InlineData(new[] { "run", "main.csx", "-x" }, "unknown option '-x' for 'run'; a script's own options go after '--' (main.csx -- -x); see 'kpatch-script run --help'")]
    [InlineData(new[] { "run", "--frobnicate", "main.csx" }, "unknown option '--frobnicate' for 'run'; see 'kpatch-script run --help'")]
    [InlineData(new[] { "main.csx", "--dry-run=yes" }, "--dry-run takes no value; see 'kpatch-script run --help'")]
    [InlineData(new[] { "main.csx", "--target" }, "--target needs a value; see 'kpatch-script run --help'")]
    [InlineData(new[] { "main.csx", "--timeout", "--", "x" }, "--timeout needs a value; see 'kpatch-script run --help'")]
    [InlineData(new[] { "run", "--dry-run", "--", "main.csx" }, "run needs a script file (FILE.csx); see 'kpatch-script run --help'")]
    public void A_wrong_option_around_the_script_path_is_a_usage_error_before_anything_runs(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((2, "", $"kpatch-script: error: {expected}\n"), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Theory]
    [InlineData("/nonexistent/main.csx", "--help")]
    [InlineData("/nonexistent/main.csx", "word", "-h")]
    public void Help_after_the_script_path_is_the_help_of_run(params string[] args)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.StartsWith("Usage: kpatch-script run FILE.csx ", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("Only what follows '--' reaches the script", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_of_run_after_the_script_path_is_the_hosts_in_the_shebang_form()
    {
        var directory = Directory.CreateTempSubdirectory("kps-run-line-").FullName;
        try
        {
            var script = Path.Combine(directory, "main.csx");
            File.WriteAllText(script, "#!/usr/bin/env kpatch-script\nPrint($\"{KpatchScript.Kpatch.Connect().Target} dry={KpatchScript.Kpatch.DryRun} args=[{string.Join(\",\", Args)}]\");\n");
            var target = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.LabLoaded);
            string[][] options = [["--target", target], ["--dry-run"], ["--no-cache"], ["--timeout", "60"], ["--source", directory], ["--plugins", directory], ["--verbose"]];

            // Words that are not options ("-" and a negative number included) reach the script in order; "--" passes the rest as it is.
            var outcome = CliRunner.Run([script, "a", .. options.SelectMany(o => o), "-1", "-", "--", "--dry-run", "--"]);

            // Print writes the string as dotnet-script's Print does: a C# literal.
            Assert.Equal((0, $"\"{target} dry=True args=[a,-1,-,--dry-run,--]\"\n", ""), (outcome.ExitCode, outcome.Out, outcome.Error));
            // -i (--interactive) after the file is the host's too: the script runs, then the REPL reads stdin (empty here: it ends at once, exit 0).
            var interactive = CliRunner.Run([script, "a", "-i", "--target", target, "--", "b"]);
            Assert.Equal((0, $"\"{target} dry=False args=[a,b]\"\n", ""), (interactive.ExitCode, interactive.Out, interactive.Error));
            // Every option of run's table is in this test: a new one must be taken by the host after the file too.
            var documented = RunSettings.Table.Options.Select(o => o.Name).Order(StringComparer.Ordinal);
            Assert.Equal(documented, options.Select(o => o[0]).Append(RunSettings.InteractiveOption.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
