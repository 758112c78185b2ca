using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// Defaults of command-line options, from the configuration file, for hosts that are looked at
/// through a tree rather than as this machine (offline roots, captured hosts, the Cockpit
/// panel's browser tests): <c>target</c> (what status, verify, report, alerts, run and eval
/// read when no <c>--target</c> is given), <c>install_root</c> (what install, update,
/// available, auto-update and journal act on when no <c>--installroot</c> is given) and
/// <c>workflows_directory</c> (the workflow scripts <c>workflows list</c> lists). Relative paths
/// are relative to the configuration file's directory. <see cref="ConfigFile"/> checks the keys
/// with every command; the commands that use them read them with <see cref="Load"/>.
/// </summary>
internal sealed record CommandDefaults(string Target, string? InstallRoot, string WorkflowsDirectory)
{
    public const string DefaultWorkflowsDirectory = "/etc/kpatch-script/workflows";

    public static CommandDefaults None { get; } = new("local", null, DefaultWorkflowsDirectory);

    /// <summary>The defaults from <paramref name="path"/>; a missing file gives <see cref="None"/>.</summary>
    public static CommandDefaults Load(string path)
    {
        // Like ConfigFile: without a file System.Text.Json is never loaded.
        return ConfigDocument.Exists(path) ? Parse(path) : None;
    }

    /// <summary>Checks one of these keys where <see cref="ConfigFile"/> meets it; the facade settings are unchanged.</summary>
    public static KpatchSettings Check(string path, JsonProperty property, KpatchSettings settings)
    {
        Apply(path, property, None);
        return settings;
    }

    private static CommandDefaults Parse(string path)
    {
        using var document = ConfigDocument.Read(path);
        var defaults = None;
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                defaults = Apply(path, property, defaults);
            }
        }

        return defaults;
    }

    private static CommandDefaults Apply(string path, JsonProperty property, CommandDefaults defaults) => property.Name switch
    {
        "target" => defaults with { Target = TargetName(path, property) },
        "install_root" => defaults with { InstallRoot = DirectoryPath(path, property) },
        "workflows_directory" => defaults with { WorkflowsDirectory = DirectoryPath(path, property) },
        _ => defaults,
    };

    private static string TargetName(string path, JsonProperty property)
    {
        var target = ConfigFile.Text(path, property);
        if (target == "local" || target.StartsWith("ssh://", StringComparison.Ordinal))
        {
            return target;
        }

        return target.StartsWith("sysroot:", StringComparison.Ordinal) && target.Length > "sysroot:".Length
            ? "sysroot:" + Resolve(path, target["sysroot:".Length..])
            : throw ConfigFile.Invalid(path, $"target must be \"local\", \"sysroot:DIR\" or \"ssh://USER@HOST[:PORT]\", not {property.Value.GetRawText()}");
    }

    private static string DirectoryPath(string path, JsonProperty property) => Resolve(path, ConfigFile.Text(path, property));

    private static string Resolve(string configPath, string directory) =>
        Path.GetFullPath(directory, Path.GetDirectoryName(Path.GetFullPath(configPath))!);
}
