namespace KpatchScript.Cli.Configuration;

/// <summary>
/// Defaults of command-line options, from the configuration file, for hosts that are looked at
/// through a tree rather than as this machine (offline roots, captured hosts, the Cockpit
/// panel's browser tests): <c>target</c> (what status, verify, report, alerts, run and eval
/// read when no <c>--target</c> is given), <c>install_root</c> (what install, update,
/// available, auto-update and journal act on when no <c>--installroot</c> is given) and
/// <c>workflows_directory</c> (the workflow scripts <c>workflows list</c> lists). Relative paths
/// are relative to the configuration file's directory.
/// </summary>
internal sealed record CommandDefaults(string Target, string? InstallRoot, string WorkflowsDirectory)
{
    public const string DefaultWorkflowsDirectory = "/etc/kpatch-script/workflows";

    public static CommandDefaults None { get; } = new("local", null, DefaultWorkflowsDirectory);

    /// <summary>The value of <c>target</c>: local, ssh://… or sysroot:DIR with DIR made absolute.</summary>
    public static string TargetName(ConfigValue value)
    {
        var target = value.Text();
        if (target == "local" || target.StartsWith("ssh://", StringComparison.Ordinal))
        {
            return target;
        }

        return target.StartsWith("sysroot:", StringComparison.Ordinal) && target.Length > "sysroot:".Length
            ? "sysroot:" + value.FullPath(target["sysroot:".Length..])
            : throw value.Invalid($"target must be \"local\", \"sysroot:DIR\" or \"ssh://USER@HOST[:PORT]\", not {value.Value.GetRawText()}");
    }

    /// <summary>The value of <c>install_root</c> or <c>workflows_directory</c>, made absolute.</summary>
    public static string DirectoryPath(ConfigValue value) => value.FullPath(value.Text());
}
