namespace KpatchScript.Plugins;

/// <summary>
/// Marks an assembly as a kpatch-script plugin and names its entry type:
/// <c>[assembly: KpatchPlugin(typeof(MyPlugin))]</c>. Leave <paramref name="contractVersion"/>
/// out: the compiler then writes the value of <see cref="PluginContract.Version"/> of the
/// KpatchScript.Abstractions it compiles against into the attribute, which is how the host learns,
/// before it runs any of the plugin's code, which contract the plugin was built for.
/// </summary>
/// <param name="entryType">A public class with a public parameterless constructor that implements <see cref="IKpatchPlugin"/>.</param>
/// <param name="contractVersion">The contract version the plugin was built against (<c>MAJOR.MINOR</c>).</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class KpatchPluginAttribute(Type entryType, string contractVersion = PluginContract.Version) : Attribute
{
    /// <summary>The plugin's entry type.</summary>
    public Type EntryType { get; } = entryType;

    /// <summary>The contract version the plugin was built against.</summary>
    public string ContractVersion { get; } = contractVersion;
}
