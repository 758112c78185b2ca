using System.Text;
using System.Text.Json;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.PluginHosting;
using KpatchScript.Plugins;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script plugins list|info NAME</c>: which plugins were found, what they provide, and why one is not loaded.</summary>
internal sealed class PluginsCommand : ICliCommand
{
    public string Name => PluginsSettings.Verb;

    public string Summary => "List the plugins found (plugins list), or show one (plugins info NAME)";

    public OptionTable Options => PluginsSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        Plugins are <Name>/<Name>.dll under the plugin directories, searched in this order (the first
        holding a name wins): --plugins DIR, plugin_directories from the configuration,
        $XDG_DATA_HOME/kpatch-script/plugins (else ~/.local/share/kpatch-script/plugins), and
        {PluginSearchPath.SystemDirectory}. 'list' shows every directory and plugin: loaded, refused
        (its files, layout or contract version), failed (it threw, hung, missed a dependency or ended
        its plugin process: plugins register in processes of their own here) or shadowed. 'info' shows one: version, the contract version it was built against (this
        kpatch-script has {PluginContract.Version}), path, the sinks, checks, report contributors and
        script APIs it provides, and its error.
        """, """
        Exit codes: 0 every plugin found is loaded (info: NAME is loaded), 1 a directory or plugin
        was refused or failed (info: NAME is not loaded or not found), 2 wrong command line.
        """);

    public static PluginsSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        PluginsSettings.Table.Read(arguments, PluginsSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var (json, name) = (settings.Json, settings.Name);
        var directories = PluginSearchPath.Directories(settings.Plugins, environment);
        // What a plugin registers is learned in its plugin process: none of its code runs in this one, so none can end it.
        var host = CliPlugins.Host(directories, environment, inProcess: false);
        if (name is null)
        {
            environment.Out.Write(json ? ListJson(host) : ListText(host));
            return host.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }

        if (host.Plugins.FirstOrDefault(p => p.Name == name) is not { } plugin)
        {
            environment.Error.WriteLine(SafeText.Of($"kpatch-script: error: no plugin named {name} in {string.Join(", ", host.Directories.Select(d => d.Path))}; 'kpatch-script plugins list' shows what there is"));
            return ExitCodes.Failure;
        }

        environment.Out.Write(json ? InfoJson(plugin) : SafeText.Lines(InfoText(plugin)));
        return plugin.State == PluginState.Loaded ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static string ListText(PluginHost host)
    {
        var text = new StringBuilder("plugin directories:\n");
        foreach (var directory in host.Directories)
        {
            // Paths, names and errors come from plugin directories and assemblies: shown, never sent as they are.
            text.Append(SafeText.Of($"  {Word(directory.State),-8}  {directory.Path}{(directory.Error is null ? "" : ": " + directory.Error)}")).Append('\n');
        }

        text.Append(host.Plugins.Count == 0 ? "plugins: none\n" : "plugins:\n");
        var width = host.Plugins.Count == 0 ? 0 : host.Plugins.Max(p => p.Name.Length);
        foreach (var plugin in host.Plugins)
        {
            text.Append(SafeText.Of($"  {Word(plugin.State),-8}  {plugin.Name.PadRight(width)}  {plugin.Version ?? "-",-8}  {plugin.Error ?? plugin.Description}")).Append('\n');
        }

        return text.ToString();
    }

    private static string InfoText(PluginInfo plugin) => $"""
        name:                     {plugin.Name}
        state:                    {Word(plugin.State)}
        version:                  {plugin.Version ?? "unknown"}
        contract version:         {plugin.ContractVersion ?? "unknown"} (this kpatch-script: {PluginContract.Version})
        path:                     {plugin.Path}
        description:              {plugin.Description ?? "-"}
        alert sinks:              {List(plugin.AlertSinks)}
        verification checks:      {List(plugin.VerificationChecks)}
        report data contributors: {List(plugin.ReportDataContributors)}
        script APIs:              {List(plugin.ScriptApis)}
        error:                    {plugin.Error ?? "-"}

        """;

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "-" : string.Join(", ", items);

    private static string ListJson(PluginHost host) => Json(w =>
    {
        w.WriteStartArray("directories");
        foreach (var directory in host.Directories)
        {
            w.WriteStartObject();
            w.WriteString("path", directory.Path);
            w.WriteString("state", Word(directory.State));
            w.WriteString("error", directory.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("plugins");
        foreach (var plugin in host.Plugins)
        {
            Plugin(w, plugin);
        }

        w.WriteEndArray();
    });

    private static string InfoJson(PluginInfo plugin) => Json(w =>
    {
        w.WritePropertyName("plugin");
        Plugin(w, plugin);
    });

    /// <summary>A document of schema plugins.schema.json: the header, then what <paramref name="body"/> writes.</summary>
    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonConvention.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            w.WriteString("contract_version", PluginContract.Version);
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Plugin(Utf8JsonWriter w, PluginInfo plugin)
    {
        w.WriteStartObject();
        w.WriteString("name", plugin.Name);
        w.WriteString("state", Word(plugin.State));
        w.WriteString("path", plugin.Path);
        w.WriteString("version", plugin.Version);
        w.WriteString("contract_version", plugin.ContractVersion);
        w.WriteString("description", plugin.Description);
        w.WriteStartObject("provides");
        Names(w, "alert_sinks", plugin.AlertSinks);
        Names(w, "verification_checks", plugin.VerificationChecks);
        Names(w, "report_data_contributors", plugin.ReportDataContributors);
        Names(w, "script_apis", plugin.ScriptApis);
        w.WriteEndObject();
        w.WriteString("error", plugin.Error);
        w.WriteEndObject();
    }

    private static void Names(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Word(PluginState state) => state.ToString().ToLowerInvariant();

    private static string Word(PluginDirectoryState state) => state.ToString().ToLowerInvariant();
}
