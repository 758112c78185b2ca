using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>Opens a target from its command-line name.</summary>
public static class HostSystems
{
    /// <summary>The accepted forms, for help and error messages.</summary>
    public const string Forms = "local | sysroot:DIR | ssh://USER@HOST[:PORT]";

    /// <summary>Opens <c>local</c>, <c>sysroot:DIR</c> or <c>ssh://user@host[:port]</c> (with the ssh options of <paramref name="settings"/>).</summary>
    /// <exception cref="HostSystemException">The name is not a known form, or the sysroot does not exist.</exception>
    public static IHostSystem Open(string target, Status.KpatchSettings? settings = null)
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

        if (target.StartsWith("ssh://", StringComparison.Ordinal))
        {
            settings ??= new Status.KpatchSettings();
            return new SshHostSystem(SshTarget.Parse(target) with
            {
                IdentityFile = settings.SshIdentityFile,
                StrictHostKeyChecking = settings.SshStrictHostKeyChecking,
                KnownHostsFile = settings.SshKnownHostsFile,
            });
        }

        throw new HostSystemException($"unknown target '{target}': expected {Forms}");
    }
}
