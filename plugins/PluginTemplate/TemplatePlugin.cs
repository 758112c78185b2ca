using System.Text.Json;
using KpatchScript.Plugins;

// The host finds the entry type through this attribute; it also records the contract version the
// plugin was built against (PluginContract.Version of the Abstractions it compiled with).
[assembly: KpatchPlugin(typeof(KpatchScript.Plugins.Template.TemplatePlugin))]

namespace KpatchScript.Plugins.Template;

/// <summary>
/// A plugin that offers one verification check: every loaded live patch is named as the site
/// expects (a prefix from the configuration, <c>"plugins": {"PluginTemplate": {"patch_prefix": "kpatch_"}}</c>).
/// Replace the check with yours, or add alert sinks (<see cref="IPluginRegistrar.AddAlertSink"/>),
/// report sections (<see cref="IPluginRegistrar.AddReportDataContributor"/>) and script APIs
/// (<see cref="IPluginRegistrar.AddScriptApi"/>).
/// </summary>
public sealed class TemplatePlugin : IKpatchPlugin
{
    public string Description => "template: checks that loaded live patches carry the site's name prefix";

    public void Register(IPluginRegistrar registrar)
    {
        // Configuration arrives as the JSON text of the plugin's section (null without one). A wrong
        // value throws: the host reports "plugin PluginTemplate: ..." and goes on without the plugin.
        var prefix = "kpatch";
        if (registrar.ConfigurationJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                prefix = property.Name == "patch_prefix" && property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw new ArgumentException($"unknown key or wrong value '{property.Name}' (known: patch_prefix, a string)");
            }
        }

        registrar.AddVerificationCheck(new PatchNamingCheck(prefix));
    }
}
