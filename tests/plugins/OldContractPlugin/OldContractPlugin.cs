using KpatchScript.Plugins;

[assembly: KpatchPlugin(typeof(TestPlugins.OldContract.OldContractPlugin), contractVersion: "0.9")]

namespace TestPlugins.OldContract;

public sealed class OldContractPlugin : IKpatchPlugin
{
    public string Description => "built against contract 0.9";

    public void Register(IPluginRegistrar registrar) => throw new InvalidOperationException("an incompatible plugin must not get this far");
}
