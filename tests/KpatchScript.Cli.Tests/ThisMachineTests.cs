using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>The real executable, started as a user would start it, on the machine the tests run on.</summary>
public sealed class ThisMachineTests
{
    private static (int ExitCode, string Out, string Error) RunExecutable(params string[] args)
    {
        Assert.True(File.Exists(KpatchScriptCli.Dll), $"{KpatchScriptCli.Dll} is missing: the test project must reference the CLI project");
        var result = KpatchScriptCli.Run(args);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    [Fact]
    public void Status_reports_the_running_kernel_livepatch_support_and_kpatch_honestly()
    {
        var (exitCode, stdout, stderr) = RunExecutable("status", "--json");

        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Empty(JsonSchemaFile.Status.Errors(stdout));
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("local", root.GetProperty("target").GetString());
        Assert.Equal(ProcessHelper.Run("uname", "-r").Trim(), root.GetProperty("kernel").GetProperty("running").GetString());
        var support = root.GetProperty("livepatch").GetProperty("support");
        Assert.Equal(Directory.Exists("/sys/kernel/livepatch"), support.GetProperty("supported").GetBoolean());
        var kpatchOnPath = new[] { "/usr/sbin/kpatch", "/usr/local/sbin/kpatch", "/sbin/kpatch", "/usr/bin/kpatch" }.Any(File.Exists);
        Assert.Equal(kpatchOnPath, root.GetProperty("kpatch").GetProperty("cli").GetProperty("installed").GetBoolean());
    }

    [Fact]
    public void Status_as_a_table_names_the_running_kernel()
    {
        var (exitCode, stdout, stderr) = RunExecutable("status");

        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Contains("Running kernel           " + ProcessHelper.Run("uname", "-r").Trim(), stdout, StringComparison.Ordinal);
        Assert.Contains(Directory.Exists("/sys/kernel/livepatch") ? "Livepatch                supported" : "Livepatch                not supported", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_option_exits_2_with_one_line_and_no_stack_trace()
    {
        var (exitCode, stdout, stderr) = RunExecutable("status", "--bogus");

        Assert.Equal((2, "", "kpatch-script: error: unknown option '--bogus' for 'status'; see 'kpatch-script status --help'\n"), (exitCode, stdout, stderr));
    }
}
