using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>Opens a target from its command-line name.</summary>
public static class HostSystems
{
    /// <summary>The accepted forms, for help and error messages.</summary>
    public const string Forms = "local | sysroot:DIR";

    /// <summary>Opens <c>local</c> or <c>sysroot:DIR</c>.</summary>
    /// <exception cref="HostSystemException">The name is not a known form, or the sysroot does not exist.</exception>
    public static IHostSystem Open(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target == "local")
        {
            return new LocalHostSystem();
        }

        if (target.StartsWith("sysroot:", StringComparison.Ordinal))
        {
            var directory = target["sysroot:".Length..];
            if (directory.Length == 0)
            {
                throw new HostSystemException("sysroot: needs a directory, e.g. --target sysroot:/srv/captures/host1");
            }

            return new SysrootHostSystem(directory);
        }

        throw new HostSystemException($"unknown target '{target}': expected {Forms}");
    }
}
