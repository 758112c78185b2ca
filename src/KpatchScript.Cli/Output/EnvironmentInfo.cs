using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using KpatchScript.Scripting.Caching;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Output;

/// <summary>
/// <c>kpatch-script --info [--json]</c>: what dotnet-script's <c>--info</c> prints (version, install
/// location, target framework, .NET version, platform and runtime identifiers), and where this
/// tool keeps compiled scripts and reads its configuration. Reads no target and changes nothing
/// (the cache folder is named, not made); no network: there is no "newer version" line.
/// </summary>
internal static class EnvironmentInfo
{
    public static IReadOnlyList<(string Key, string Label, object Value)> Of(CliEnvironment environment) =>
    [
        ("version", "Version", KpatchFacade.ToolVersion),
        ("install_location", "Install location", AppContext.BaseDirectory.TrimEnd('/')),
        ("target_framework", "Target framework", TargetFramework()),
        ("dotnet_version", ".NET version", Environment.Version.ToString()),
        ("platform_identifier", "Platform identifier", "linux"),
        ("runtime_identifier", "Runtime identifier", RuntimeInformation.RuntimeIdentifier),
        ("script_cache", "Script cache", ScriptCache.ForUser().Directory),
        ("configuration_file", "Configuration file", environment.ConfigPath),
        ("configuration_file_exists", "Configuration exists", File.Exists(environment.ConfigPath)),
    ];

    /// <summary>Aligned lines, as dotnet-script's (<c>Version             : 0.1.0</c>).</summary>
    public static string Text(CliEnvironment environment)
    {
        var items = Of(environment);
        var width = items.Max(i => i.Label.Length);
        return string.Concat(items.Select(i => $"{i.Label.PadRight(width)} : {SafeText.Of(i.Value is bool b ? (b ? "yes" : "no") : (string)i.Value)}\n"));
    }

    /// <summary>Schema <c>Operations/info.schema.json</c>, version 1.</summary>
    public static string Json(CliEnvironment environment)
    {
        var json = new JsonObject { ["schema_version"] = 1 };
        foreach (var (key, _, value) in Of(environment))
        {
            json[key] = value is bool b ? JsonValue.Create(b) : JsonValue.Create((string)value);
        }

        return json.ToJsonString(JsonConvention.Indented);
    }

    /// <summary>net10.0 from ".NETCoreApp,Version=v10.0", as dotnet-script shows its TFM.</summary>
    private static string TargetFramework() =>
        AppContext.TargetFrameworkName is { } name && name.LastIndexOf("=v", StringComparison.Ordinal) is var at and >= 0 ? "net" + name[(at + 2)..] : "unknown";
}
