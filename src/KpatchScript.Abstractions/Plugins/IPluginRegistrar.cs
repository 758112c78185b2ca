using KpatchScript.Alerts;
using KpatchScript.Reports;

namespace KpatchScript.Plugins;

/// <summary>What a plugin registers with, and what the host tells it while it registers.</summary>
public interface IPluginRegistrar
{
    /// <summary>The plugin's name (its directory's name), as the host names it in messages.</summary>
    string PluginName { get; }

    /// <summary>The plugin's directory, for files it ships next to its assembly.</summary>
    string PluginDirectory { get; }

    /// <summary>
    /// The plugin's section of the configuration file (<c>"plugins": {"&lt;Name&gt;": {...}}</c>,
    /// the name matched without regard to case) as JSON text, for the plugin to parse (e.g. with
    /// System.Text.Json); null when the file has no section for it. A plugin that finds its
    /// section invalid throws from <see cref="IKpatchPlugin.Register"/> with a message naming the key.
    /// </summary>
    string? ConfigurationJson { get; }

    /// <summary>The host's clock: plugins read the time through it (tests give a fixed one).</summary>
    TimeProvider Time { get; }

    /// <summary>
    /// How long each call into the plugin may take (<c>plugin_timeout_seconds</c>) before the host
    /// gives up on it: a plugin that retries (a webhook) plans its attempts within it, and can
    /// refuse a configuration that cannot fit.
    /// </summary>
    TimeSpan CallTimeout { get; }

    /// <summary>Adds a sink that <c>kpatch-script alerts</c> delivers every evaluation to.</summary>
    void AddAlertSink(IAlertSink sink);

    /// <summary>Adds a check that <c>kpatch-script verify</c> (and <c>VerifyAsync</c> in scripts) runs after the built-in ones.</summary>
    void AddVerificationCheck(IVerificationCheck check);

    /// <summary>Adds sections to the reports of <c>kpatch-script report</c>.</summary>
    void AddReportDataContributor(IReportDataContributor contributor);

    /// <summary>
    /// Declares a public type that scripts are meant to call. Scripts run by kpatch-script compile
    /// against the plugin's main assembly whether or not it declares anything (its public types are
    /// all usable, with a <c>using</c> of their namespace); a type declared here may live in another
    /// assembly of the plugin's directory, which scripts then compile against too.
    /// <c>kpatch-script plugins info</c> lists the declared types.
    /// </summary>
    void AddScriptApi(Type type);
}
