using KpatchScript.Host;

namespace KpatchScript.Loading;

/// <summary>The module commands load and unload run, and what their failures mean in words.</summary>
internal static class ModuleCommands
{
    /// <summary>kpatch waits up to 15 + 60 s for a transition and as long again to reverse it (kpatch.md 1.6).</summary>
    private static readonly TimeSpan KpatchTimeout = TimeSpan.FromMinutes(5);

    public static CommandSpec Insmod(string path) => new(["insmod", path], Mutates: true);

    public static CommandSpec Rmmod(string name) => new(["rmmod", name], Mutates: true);

    public static CommandSpec KpatchLoad(string cli, string path) => new([cli, "load", path], Mutates: true) { Timeout = KpatchTimeout };

    /// <summary>insmod's "Device or resource busy": another patch is in transition (kpatch retries it).</summary>
    public static bool IsBusy(CommandResult result) =>
        !result.Succeeded && result.StandardError.Contains("Device or resource busy", StringComparison.Ordinal);

    /// <summary>One line for a failed insmod, naming the likely cause (glibc's strerror words, as kmod and busybox print them).</summary>
    public static string InsmodFailure(string path, CommandResult result)
    {
        var error = result.FirstErrorLine;
        bool Has(string words) => error.Contains(words, StringComparison.Ordinal);
        return error switch
        {
            _ when Has("File exists") => $"insmod {path}: a module of that name is already loaded",
            _ when Has("Invalid module format") => $"the kernel refused {path}: invalid module format (built for another kernel or configuration; 'dmesg' says which)",
            _ when Has("Unknown symbol") => $"the kernel refused {path}: unknown symbols (built for another kernel?; 'dmesg' names them)",
            _ when Has("Key was rejected") || Has("Required key not available") =>
                $"the kernel refused {path}: it only loads modules signed with a trusted key (Secure Boot or module.sig_enforce)",
            _ when Has("Operation not permitted") => $"insmod {path}: operation not permitted (run as root; under Secure Boot lockdown the module must be signed)",
            _ when Has("Device or resource busy") => $"insmod {path}: another live patch is in transition; try again when it has finished ('kpatch-script status' shows it)",
            _ => $"insmod {path} failed: {error}",
        };
    }
}
