using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>Where and how to reach a host over ssh: <c>ssh://user@host[:port]</c> plus client options.</summary>
public sealed record SshTarget(string User, string Host, int Port)
{
    /// <summary>A private key to authenticate with; null uses the ssh client's own configuration.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>OpenSSH StrictHostKeyChecking: yes (default), accept-new or no.</summary>
    public string StrictHostKeyChecking { get; init; } = "yes";

    /// <summary>A known_hosts file instead of the user's.</summary>
    public string? KnownHostsFile { get; init; }

    /// <exception cref="HostSystemException">Not of the form ssh://user@host[:port].</exception>
    public static SshTarget Parse(string target)
    {
        const string scheme = "ssh://";
        var rest = target.StartsWith(scheme, StringComparison.Ordinal) ? target[scheme.Length..] : throw Invalid(target);
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            throw Invalid(target);
        }

        var (user, hostPort) = (rest[..at], rest[(at + 1)..]);
        var port = 22;
        var colon = hostPort.LastIndexOf(':');
        if (colon >= 0 && !hostPort.EndsWith(']'))
        {
            if (!int.TryParse(hostPort[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw new HostSystemException($"'{target}' has no valid port after ':' (1-65535)");
            }

            hostPort = hostPort[..colon];
        }

        var host = hostPort.Trim('[', ']');
        // Refuse what ssh would read as an option or what a shell would split.
        if (host.Length == 0 || host.StartsWith('-') || user.StartsWith('-') || (user + host).Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or ';' or '/' or '\\'))
        {
            throw Invalid(target);
        }

        return new SshTarget(user, host, port);
    }

    private static HostSystemException Invalid(string target) =>
        new($"'{target}' is not an ssh target: expected ssh://user@host or ssh://user@host:port");

    public override string ToString() => $"ssh://{User}@{Host}:{Port}";
}
