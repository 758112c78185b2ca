namespace KpatchScript.Status;

/// <summary>Who the host is.</summary>
/// <param name="Hostname">From <c>/proc/sys/kernel/hostname</c>.</param>
/// <param name="Os">From <c>/etc/os-release</c> (or <c>/usr/lib/os-release</c>).</param>
/// <param name="Architecture">Machine architecture (<c>x86_64</c>), from <c>/proc/sys/kernel/arch</c>, <c>uname -m</c> or the kernel release suffix.</param>
public sealed record HostInfo(Reading<string> Hostname, Reading<OsRelease> Os, Reading<string> Architecture);

/// <summary>The fields of os-release(5) that matter here, with the defaults that page defines.</summary>
/// <param name="Id">ID (default <c>linux</c>), e.g. <c>rhel</c>.</param>
/// <param name="Name">NAME (default <c>Linux</c>), e.g. <c>Red Hat Enterprise Linux</c>.</param>
/// <param name="VersionId">VERSION_ID, e.g. <c>9.4</c>; null when the file has none.</param>
/// <param name="PrettyName">PRETTY_NAME (default <c>Linux</c>).</param>
/// <param name="IdLike">ID_LIKE split on spaces, e.g. <c>fedora</c>.</param>
public sealed record OsRelease(string Id, string Name, string? VersionId, string PrettyName, IReadOnlyList<string> IdLike);
