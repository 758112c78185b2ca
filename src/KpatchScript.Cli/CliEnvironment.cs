using KpatchScript.Host;
using KpatchScript.Status;
using KpatchScript.Targets;

namespace KpatchScript.Cli;

/// <summary>
/// Everything a command touches outside its arguments: output streams, the clock and how a
/// target is opened. Tests build one over string writers and fixture trees and run the CLI in-process.
/// </summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, TimeProvider Time, Func<string, KpatchSettings, IHostSystem> OpenTarget, bool IsInteractive)
{
    /// <summary>Where the configuration file is; loaded by <see cref="CliApp"/> before a command runs.</summary>
    public string ConfigPath { get; init; } = Configuration.ConfigFile.DefaultPath;

    /// <summary>Facade settings from the configuration file.</summary>
    public KpatchSettings Settings { get; init; } = new();

    /// <summary>Opens a target named on the command line, with the configured ssh options.</summary>
    public IHostSystem Open(string target) => OpenTarget(target, Settings);

    public static CliEnvironment ForConsole() =>
        new(Console.Out, Console.Error, TimeProvider.System, HostSystems.Open, !Console.IsOutputRedirected)
        {
            ConfigPath = Configuration.ConfigFile.PathFromEnvironment(),
        };
}
