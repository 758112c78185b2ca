using System.Runtime.Loader;
using KpatchScript.Alerts;
using KpatchScript.Plugins;
using KpatchScript.Reports;

namespace KpatchScript.PluginHosting.Loading;

/// <summary>
/// Collects what one plugin registers. Names are read here, on the plugin's registration thread
/// and under its deadline: a <c>Name</c> getter is plugin code too.
/// </summary>
internal sealed class PluginRegistrar(string pluginName, string pluginDirectory, string? configurationJson, TimeProvider time, TimeSpan callTimeout, AssemblyLoadContext pluginContext) : IPluginRegistrar
{
    public string PluginName => pluginName;

    public string PluginDirectory => pluginDirectory;

    public string? ConfigurationJson => configurationJson;

    public TimeProvider Time => time;

    public TimeSpan CallTimeout => callTimeout;

    public List<Registration<IAlertSink>> AlertSinks { get; } = [];

    public List<Registration<IVerificationCheck>> VerificationChecks { get; } = [];

    public List<Registration<IReportDataContributor>> ReportDataContributors { get; } = [];

    public List<Type> ScriptApis { get; } = [];

    public void AddAlertSink(IAlertSink sink) => AlertSinks.Add(new(NotNull(sink), ValidName(sink.Name, "alert sink")));

    public void AddVerificationCheck(IVerificationCheck check) => VerificationChecks.Add(new(NotNull(check), $"{pluginName}:{ValidName(check.Name, "verification check")}"));

    public void AddReportDataContributor(IReportDataContributor contributor) =>
        ReportDataContributors.Add(new(NotNull(contributor), ValidName(contributor.Name, "report data contributor")));

    public void AddScriptApi(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsPublic || AssemblyLoadContext.GetLoadContext(type.Assembly) != pluginContext)
        {
            throw new ArgumentException($"script API {type.FullName} must be a public type of the plugin's own assemblies", nameof(type));
        }

        ScriptApis.Add(type);
    }

    /// <summary>Drops every reference to the plugin's objects (unloading).</summary>
    public void Clear()
    {
        AlertSinks.ForEach(r => r.Clear());
        VerificationChecks.ForEach(r => r.Clear());
        ReportDataContributors.ForEach(r => r.Clear());
        ScriptApis.Clear();
    }

    private static T NotNull<T>(T value)
        where T : class => value ?? throw new ArgumentNullException(nameof(value));

    private static string ValidName(string? name, string what) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException($"a {what} has no name") : name;
}
