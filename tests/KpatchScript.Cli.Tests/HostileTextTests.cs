using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// Text output is an attack surface: host strings with markup brackets and escape sequences must
/// neither crash a command nor reach the terminal raw. They are shown, as visible escapes.
/// </summary>
public sealed class HostileTextTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-hostile-text-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Target => "sysroot:" + HostileSysroot.Get();

    private CliRunner.Outcome Run(params string[] args)
    {
        var config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, $$"""{ "state_directory": "{{_directory}}" }""");
        return CliRunner.RunWithConfig(config, args);
    }

    [Fact]
    public void Status_shows_names_with_brackets_and_escapes_without_crashing()
    {
        var outcome = Run("status", "--target", Target);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Null(HostileSysroot.FirstRawControl(outcome.Out));
        Assert.Contains(HostileSysroot.Patch, outcome.Out, StringComparison.Ordinal);
        Assert.Contains("f[bogus],1", outcome.Out, StringComparison.Ordinal);
        Assert.Contains(@"g\u202egnp.exe,1", outcome.Out, StringComparison.Ordinal);
        Assert.Contains(@"db01\x1b]0;OWNED\x07\x1b[2J", outcome.Out, StringComparison.Ordinal);
        Assert.Contains(@"\x1b]0;OWNED\x07Red Hat \x9b31mEnterprise Linux 9.6", outcome.Out, StringComparison.Ordinal);
        Assert.Contains(@"pg[/]\x1b]0;OWNED\x07 (pid 812, tid 815)", outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("verify", "--nagios")]
    [InlineData("report", "--format", "txt")]
    [InlineData("alerts", "--dry-run")]
    public void Other_text_output_shows_control_characters_as_escapes(params string[] command)
    {
        var outcome = Run([.. command, "--target", Target]);

        Assert.True(outcome.ExitCode is 0 or 1 or 2, $"exit {outcome.ExitCode}: {outcome.Error}");
        Assert.Null(HostileSysroot.FirstRawControl(outcome.Out));
        Assert.Null(HostileSysroot.FirstRawControl(outcome.Error));
        Assert.Contains(@"db01\x1b]0;OWNED\x07\x1b[2J", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Nagios_keeps_the_status_line_one_line()
    {
        var outcome = Run("verify", "--nagios", "--target", Target);

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith(@"KPATCH CRITICAL - db01\x1b]0;OWNED\x07\x1b[2J is not covered: ", outcome.Out, StringComparison.Ordinal);
        Assert.Equal(1, outcome.Out.Count(c => c == '\n'));
    }

    [Fact]
    public void An_error_line_that_quotes_a_host_string_shows_its_escapes()
    {
        var notAHost = Directory.CreateDirectory(Path.Combine(_directory, "tree\u001b]0;OWNED\u0007\u001b[2J")).FullName;

        var outcome = Run("status", "--target", "sysroot:" + notAHost);

        Assert.Equal((1, ""), (outcome.ExitCode, outcome.Out));
        Assert.Null(HostileSysroot.FirstRawControl(outcome.Error));
        Assert.StartsWith(@"kpatch-script: error: sysroot:", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(@"tree\x1b]0;OWNED\x07\x1b[2J does not look like a host", outcome.Error, StringComparison.Ordinal);
    }
}
