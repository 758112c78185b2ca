using KpatchScript.Targets;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Cli.Tests;

/// <summary>Runs kpatch-script in-process with captured output and a fixed clock.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static Outcome Run(params string[] args) => RunWithConfig("/nonexistent/kpatch-script/config.json", args);

    public static Outcome RunWithConfig(string configPath, params string[] args) => RunWithConfig(configPath, FixedTimeProvider.Default, args);

    /// <summary>With a clock of the test's (alert runs a timer apart).</summary>
    public static Outcome RunWithConfig(string configPath, TimeProvider time, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, time, HostSystems.Open, IsInteractive: false) { ConfigPath = configPath };
        var exitCode = CliApp.Run(args, environment);
        return new Outcome(exitCode, stdout.ToString(), stderr.ToString());
    }
}
