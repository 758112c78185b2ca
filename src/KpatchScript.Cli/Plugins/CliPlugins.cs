using System.Runtime.CompilerServices;
using KpatchScript.Alerts;
using KpatchScript.Hosting;
using KpatchScript.Plugins;
using KpatchScript.Reports;
using KpatchScript.Scripting.Running;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Plugins;

/// <summary>
/// The plugins a command uses, from the directories of <see cref="PluginSearchPath"/>: every
/// sink, contributor and check is isolated (the plugin timeout, failures as one line naming the
/// plugin). Plugins that cannot be loaded are named on stderr, one line each, and the command
/// goes on without them. When no plugin directory exists the plugin host is never loaded.
/// Commands that take plugins read <c>--plugins</c> with <see cref="Option"/> and call
/// <see cref="Load"/>; the plugins stay loaded until the command ends.
/// </summary>
internal sealed class CliPlugins
{
    public const string Option = "--plugins";

    public const string Usage = "[--plugins DIR]...";

    public const string OptionHelp = "  --plugins DIR       A plugin directory (<Name>/<Name>.dll inside), searched before the configured ones; repeatable";

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

    /// <param name="commandLine">The values of <c>--plugins</c>.</param>
    /// <param name="environment">Configuration, default directories, stderr; holds the plugins until the command ends.</param>
    public static CliPlugins Load(IReadOnlyList<string> commandLine, CliEnvironment environment)
    {
        var directories = PluginSearchPath.Directories(commandLine, environment);
        return PluginSearchPath.AnyExists(directories) ? LoadFrom(directories, environment) : None;
    }

    /// <summary>A plugin host over the directories, whether or not they exist (<c>plugins list</c> shows them all).</summary>
    public static PluginHost Host(List<string> directories, CliEnvironment environment)
    {
        var host = PluginHost.Load(new PluginHostOptions
        {
            Directories = directories,
            Timeout = environment.Settings.PluginTimeout,
            Configuration = environment.Settings.PluginConfiguration,
            Time = environment.Time,
        });
        environment.Own(host);
        return host;
    }

    // Not inlined: the plugin host's assembly (and McMaster's) load only when this runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CliPlugins LoadFrom(List<string> directories, CliEnvironment environment)
    {
        var host = Host(directories, environment);
        foreach (var problem in host.Problems)
        {
            environment.Error.WriteLine($"kpatch-script: {SafeText.Of(problem)}");
        }

        return new CliPlugins(host.AlertSinks, host.ReportDataContributors, host.VerificationChecks, host.ScriptExtensions);
    }
}
