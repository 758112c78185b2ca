using KpatchScript.Status;
using KpatchScript.Verdicts;

namespace KpatchScript.Reporting.Fleet;

/// <summary>The status documents of a fleet directory: those that read, and those that did not, with the reason.</summary>
public sealed record FleetInput(string Directory, IReadOnlyList<FleetHost> Hosts, IReadOnlyList<UnreadableFile> Unreadable);

/// <summary>One host's status document, and the verdict it carries (null for a version-1 document, which has none).</summary>
public sealed record FleetHost(string File, HostStatus Status, Verdict? Verdict = null);

/// <summary>A file that is not a valid <c>status --json</c> document.</summary>
public sealed record UnreadableFile(string File, string Reason);

/// <summary>
/// A document whose host name another, newer document also carries (a host collected twice, under
/// two inventory names, or an old file left beside a new one): listed with its own verdict's state,
/// so nothing it says is lost, but not counted. <paramref name="Kept"/> is the file the report shows for that host.
/// </summary>
public sealed record FleetDuplicate(string File, string Name, string CollectedAt, string State, string Kept);
