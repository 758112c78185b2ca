using System.Text.Json;
using KpatchScript.Plugins;

[assembly: KpatchPlugin(typeof(TestPlugins.Good.GoodPlugin))]

// The entry type has GoodPlugin's full name, as an attacker would copy it: whichever of the two files
// a load reads the attribute from, it finds its entry type in the other.
namespace TestPlugins.Good;

/// <summary>What an attacker would sneak in: it leaves a mark wherever it is loaded.</summary>
public sealed class GoodPlugin : IKpatchPlugin
{
    public string Description => "impostor: an unprivileged user's code";

    public void Register(IPluginRegistrar registrar)
    {
        if (registrar.ConfigurationJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("record_to", out var recordTo))
            {
                File.AppendAllText(recordTo.GetString() + ".impostor", $"loaded as uid {Environment.UserName} from {registrar.PluginDirectory}\n");
            }
        }
    }
}
