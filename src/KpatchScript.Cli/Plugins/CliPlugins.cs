using System.Runtime.CompilerServices;
using KpatchScript.Alerts;
using KpatchScript.PluginHosting;
using KpatchScript.Plugins;
using KpatchScript.Reports;
using KpatchScript.Scripting.Running;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Plugins;

/// <summary>
/// The plugins a command uses, from the directories of <see cref="PluginSearchPath"/>: every
/// sink, contributor and check is isolated (the plugin timeout, failures as one line naming the
/// plugin), checks in a process of their plugin's. Plugins that cannot be loaded are named on
/// stderr, one line each, and the command goes on without them (one that failed is a failed
/// check <c>&lt;Plugin&gt;:load</c>). When no plugin directory exists the plugin host is never
/// loaded. Commands that take plugins read <c>--plugins</c> (<c>SharedOptions.Plugins</c> in their
/// option table) and call <see cref="Load"/>, or <see cref="LoadChecks"/> when they only verify;
/// the plugins stay loaded until the command ends.
/// </summary>
internal sealed class CliPlugins
{
    private static readonly CliPlugins None = new([], [], [], null);
    private readonly ScriptExtensions? _scripts;

    private CliPlugins(IReadOnlyList<IAlertSink> alertSinks, IReadOnlyList<IReportDataContributor> reportDataContributors, IReadOnlyList<IVerificationCheck> verificationChecks, ScriptExtensions? scripts)
    {
        AlertSinks = alertSinks;
        ReportDataContributors = reportDataContributors;
        VerificationChecks = verificationChecks;
        _scripts = scripts;
    }

    /// <summary>The plugins' alert sinks, isolated: a failing one throws <see cref="PluginException"/> (one line naming it); the others are still called.</summary>
    public IReadOnlyList<IAlertSink> AlertSinks { get; }

    /// <summary>The plugins' report data contributors, isolated like the sinks.</summary>
    public IReadOnlyList<IReportDataContributor> ReportDataContributors { get; }

    /// <summary>The plugins' verification checks: for <see cref="KpatchFacade.Checks"/>; a failing one answers fail with the reason.</summary>
    public IReadOnlyList<IVerificationCheck> VerificationChecks { get; }

    /// <summary>For the script host: the plugins' assemblies and checks.</summary>
    public ScriptExtensions Scripts => _scripts ?? ScriptExtensions.None;

    /// <summary>Sinks, contributors and script APIs in this process; checks in plugin processes (alerts, report, run, eval, check).</summary>
    /// <param name="commandLine">The values of <c>--plugins</c>.</param>
    /// <param name="environment">Configuration, default directories, stderr; holds the plugins until the command ends.</param>
    public static CliPlugins Load(IReadOnlyList<string> commandLine, CliEnvironment environment)
    {
        var directories = PluginSearchPath.Directories(commandLine, environment);
        return PluginSearchPath.AnyExists(directories) ? LoadFrom(directories, environment) : None;
    }

    /// <summary>
    /// Checks only (verify, status): plugins register and check in plugin processes, and none of
    /// their code runs in this one, so none can end it: an exit or crash is a failed check naming the plugin.
    /// </summary>
    public static CliPlugins LoadChecks(IReadOnlyList<string> commandLine, CliEnvironment environment)
    {
        var directories = PluginSearchPath.Directories(commandLine, environment);
        return PluginSearchPath.AnyExists(directories) ? StartChecks(directories, environment) : None;
    }

    /// <summary>
    /// A plugin host over the directories, whether or not they exist (<c>plugins list</c> shows
    /// them all); <paramref name="inProcess"/>: load the plugins into this process too (<see cref="PluginHostOptions.InProcess"/>).
    /// </summary>
    public static PluginHost Host(List<string> directories, CliEnvironment environment, bool inProcess)
    {
        var host = PluginHost.Load(Options(directories, environment, inProcess));
        environment.Own(host);
        return host;
    }

    private static PluginHostOptions Options(List<string> directories, CliEnvironment environment, bool inProcess) => new()
    {
        Directories = directories,
        Timeout = environment.Settings.PluginTimeout,
        Configuration = environment.Settings.PluginConfiguration,
        Time = environment.Time,
        InProcess = inProcess,
    };

    // Not inlined: the plugin host's assembly (and McMaster's) load only when this runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CliPlugins LoadFrom(List<string> directories, CliEnvironment environment)
    {
        var host = Host(directories, environment, inProcess: true);
        Tell(host, environment);
        return new CliPlugins(host.AlertSinks, host.ReportDataContributors, host.VerificationChecks, host.ScriptExtensions);
    }

    // Not inlined, as LoadFrom. The options are read here, on the command's thread; only the loading runs in the background.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CliPlugins StartChecks(List<string> directories, CliEnvironment environment)
    {
        var options = Options(directories, environment, inProcess: false);
        // A thread of its own: loading waits on the plugin processes, whose output the thread pool reads.
        var loading = Task.Factory.StartNew(() => PluginHost.Load(options), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var checks = new BackgroundChecks(loading, host => Tell(host, environment));
        environment.Own(checks);
        return new CliPlugins([], [], checks, null);
    }

    private static void Tell(PluginHost host, CliEnvironment environment)
    {
        foreach (var problem in host.Problems)
        {
            environment.Error.WriteLine($"kpatch-script: {SafeText.Of(problem)}");
        }
    }
}
