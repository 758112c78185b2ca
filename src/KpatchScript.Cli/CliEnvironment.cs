using KpatchScript.Cli.Output;
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

    /// <summary>--verbose: full details of failures.</summary>
    public bool Verbose { get; init; }

    /// <summary>Reads all of stdin when it is redirected (eval); null when stdin is a terminal.</summary>
    public Func<string>? ReadInput { get; init; }

    /// <summary>Stdin, read line by line (repl).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Whether stdin is a terminal: the REPL prompts only then.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>The configuration file, parsed and checked once (by <see cref="CliApp"/>, before a command runs).</summary>
    public Configuration.SiteConfig Config { get; init; } = Configuration.SiteConfig.None;

    /// <summary>Facade settings from the configuration file.</summary>
    public KpatchSettings Settings => Config.Facade;

    /// <summary>Option defaults from the configuration file (target, install_root, workflows_directory).</summary>
    public Configuration.CommandDefaults Defaults => Config.Defaults;

    /// <summary>
    /// The user's and the system's plugin directories (searched after --plugins and
    /// plugin_directories); none unless set (tests). A function: only commands that take plugins
    /// pay for working them out.
    /// </summary>
    public Func<IReadOnlyList<string>> DefaultPluginDirectories { get; init; } = () => [];

    // Shared by the copies `with` makes, so CliApp closes what any of them opened.
    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens a target named on the command line, with the configured ssh options; <see cref="CloseTargets"/> releases it.</summary>
    public IHostSystem Open(string target)
    {
        var host = OpenTarget(target, Settings);
        if (host is IDisposable disposable)
        {
            _opened.Add(disposable); // an ssh target holds a master connection and a control directory
        }

        return host;
    }

    /// <summary>Something a command holds until it ends (loaded plugins): released with the targets.</summary>
    public void Own(IDisposable resource) => _opened.Add(resource);

    /// <summary>Releases every target opened through <see cref="Open"/>, and what <see cref="Own"/> took.</summary>
    public void CloseTargets()
    {
        foreach (var opened in _opened)
        {
            opened.Dispose();
        }

        _opened.Clear();
    }

    // A lambda, not the method group: the facade assembly then loads when a target is opened,
    // not at start-up (a cached script run that never connects does not pay for it).
    public static CliEnvironment ForConsole() =>
        new(Console.Out, new LazyWriter(() => Console.Error), TimeProvider.System, OpenTarget: (target, settings) => HostSystems.Open(target, settings), !Console.IsOutputRedirected)
        {
            ConfigPath = Configuration.ConfigFile.PathFromEnvironment(),
            DefaultPluginDirectories = () => Plugins.PluginSearchPath.Defaults(),
            ReadInput = Console.IsInputRedirected ? () => Console.In.ReadToEnd() : null,
            In = Console.In,
            InputIsTerminal = !Console.IsInputRedirected,
        };
}
