namespace KpatchScript.Plugins;

/// <summary>
/// The version of the plugin contract: the types of this assembly that plugins implement and call
/// (<see cref="IKpatchPlugin"/>, <see cref="IPluginRegistrar"/>, <see cref="IVerificationCheck"/>,
/// <see cref="Alerts.IAlertSink"/>, <see cref="Reports.IReportDataContributor"/> and the models
/// they pass). A plugin records the version it was compiled against in its
/// <see cref="KpatchPluginAttribute"/>; the host loads it when the major versions are equal and
/// the plugin's minor version is not newer than the host's. A change that breaks compiled
/// plugins raises the major version; a compatible addition raises the minor version.
/// </summary>
public static class PluginContract
{
    /// <summary><c>MAJOR.MINOR</c> of the contract this assembly defines.</summary>
    public const string Version = "1.0";

    /// <summary>
    /// Whether a plugin built against <paramref name="pluginVersion"/> can run against
    /// <paramref name="hostVersion"/>: same major version, and a minor version no newer than the host's.
    /// A version that is not <c>MAJOR.MINOR</c> is never compatible.
    /// </summary>
    public static bool IsCompatible(string pluginVersion, string hostVersion) =>
        TryParse(pluginVersion, out var plugin) && TryParse(hostVersion, out var host)
        && plugin.Major == host.Major && plugin.Minor <= host.Minor;

    private static bool TryParse(string version, out (int Major, int Minor) parsed)
    {
        parsed = default;
        var parts = version.Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out parsed.Major)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out parsed.Minor);
    }
}
