using System.Collections.Concurrent;
using KpatchScript.Serialization;
using KpatchScript.Verdicts;

namespace KpatchScript.Reporting.Fleet;

/// <summary>
/// The fleet report model (<see cref="FleetModel"/>): summary counts, hosts needing action first
/// (each with its verdict, its CVEs and its status document), the unreadable files, and CVE
/// exposure across hosts. Each host shows the verdict its document carries (the one its own
/// status command printed); a version-1 document has none, so its verdict is judged from the
/// status alone, and says so.
/// </summary>
public static class FleetReportBuilder
{
    public const string FixedLive = "fixed live";
    public const string InstalledNotLive = "installed, not live";
    public const string UpdateAvailable = "update available";
    public const string FixedAfterReboot = Status.ExposureStates.FixedAfterReboot;
    public const string FixAvailable = Status.ExposureStates.FixAvailable;
    public const string NoFixYet = Status.ExposureStates.NoFixYet;

    /// <summary>Host names that name no host in particular: never merged as duplicates.</summary>
    private static readonly HashSet<string> Anonymous = new(["localhost", "localhost.localdomain", "(none)"], StringComparer.OrdinalIgnoreCase);

    private const string MissingValue = "not a status --json document: a required value is missing";

    /// <summary>
    /// The report of a fleet directory, streamed: each file is read, parsed and made a compact
    /// row on its own, in parallel, and its status object is gone before the next is read
    /// (tests/benchmarks: the fleet report rows).
    /// </summary>
    /// <exception cref="IOException">The directory does not exist or cannot be listed.</exception>
    public static FleetModel Read(string directory, TimeProvider time, VerdictOptions? options = null)
    {
        var strings = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var codec = new FleetDocumentCodec();
        var (rows, unreadable) = FleetReader.Split<FleetHostRow>(FleetReader.Each(directory, host => Row(host, options, strings, codec)));
        return Assemble(directory, rows, unreadable, time);
    }

    /// <summary>The report of hosts already read (tests, the library API).</summary>
    public static FleetModel Build(FleetInput input, TimeProvider time, VerdictOptions? options = null)
    {
        var results = new object[input.Hosts.Count];
        var strings = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var codec = new FleetDocumentCodec();
        Parallel.For(0, results.Length, i => results[i] = Row(input.Hosts[i], options, strings, codec));
        var (rows, unreadable) = FleetReader.Split<FleetHostRow>(results);
        unreadable.InsertRange(0, input.Unreadable);
        return Assemble(input.Directory, rows, unreadable, time);
    }

    /// <summary>The host's row, or the file as unreadable when the document parsed but lacks a nested value the schema requires.</summary>
    private static object Row(FleetHost host, VerdictOptions? options, ConcurrentDictionary<string, string> strings, FleetDocumentCodec codec)
    {
        try
        {
            return FleetHostRow.From(host, options, strings, codec);
        }
        catch (NullReferenceException)
        {
            return new UnreadableFile(host.File, MissingValue);
        }
    }

    private static FleetModel Assemble(string directory, List<FleetHostRow> rows, List<UnreadableFile> unreadable, TimeProvider time)
    {
        var (hosts, duplicates) = OnePerName(rows);
        var ordered = hosts.OrderByDescending(h => h.State).ThenBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.File, StringComparer.Ordinal).ToList();
        return new FleetModel(directory, JsonConvention.Time(time.GetUtcNow()), ordered, unreadable.OrderBy(u => u.File, StringComparer.Ordinal).ToList(), Exposure(ordered))
        {
            Duplicates = duplicates,
        };
    }

    /// <summary>
    /// One row per host name: the newest document (by collected_at, then the first file by name),
    /// the others listed as duplicates, so a host collected twice is neither counted twice nor shown
    /// with an older state beside its current one. Names that do not tell hosts apart (an unset
    /// host name, localhost) are never merged: two machines left at "localhost" are two hosts.
    /// </summary>
    private static (List<FleetHostRow> Hosts, List<FleetDuplicate> Duplicates) OnePerName(List<FleetHostRow> rows)
    {
        var kept = new Dictionary<string, FleetHostRow>(StringComparer.Ordinal);
        var merged = 0;
        foreach (var row in rows)
        {
            if (Anonymous.Contains(row.Name))
            {
                continue;
            }

            merged++;
            if (!kept.TryGetValue(row.Name, out var other) || Newer(row, other))
            {
                kept[row.Name] = row;
            }
        }

        if (kept.Count == merged)
        {
            return (rows, []);
        }

        var hosts = new List<FleetHostRow>(kept.Count);
        var duplicates = new List<FleetDuplicate>();
        foreach (var row in rows)
        {
            if (!kept.TryGetValue(row.Name, out var keep) || ReferenceEquals(row, keep))
            {
                hosts.Add(row);
            }
            else
            {
                duplicates.Add(new FleetDuplicate(row.File, row.Name, row.CollectedAt, VerdictWords.Of(row.State), keep.File));
            }
        }

        duplicates.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        return (hosts, duplicates);

        static bool Newer(FleetHostRow row, FleetHostRow than) =>
            row.Collected > than.Collected || (row.Collected == than.Collected && string.CompareOrdinal(row.File, than.File) < 0);
    }

    /// <summary>Per CVE, the hosts in each state; the most exposed (not fixed live on the most hosts) first.</summary>
    private static List<FleetExposure> Exposure(List<FleetHostRow> hosts)
    {
        var byCve = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            foreach (var cve in host.Cves)
            {
                var states = byCve.TryGetValue(cve.Id, out var found) ? found : byCve[cve.Id] = new(StringComparer.Ordinal)
                {
                    [FixedLive] = [], [InstalledNotLive] = [], [UpdateAvailable] = [], [FixedAfterReboot] = [], [FixAvailable] = [], [NoFixYet] = [],
                };
                states[cve.State].Add(host.Name);
            }
        }

        return byCve
            .Select(c => new FleetExposure(c.Key, c.Value[FixedLive], c.Value[InstalledNotLive], c.Value[UpdateAvailable])
            {
                FixedAfterReboot = c.Value[FixedAfterReboot],
                FixAvailable = c.Value[FixAvailable],
                NoFixYet = c.Value[NoFixYet],
            })
            .OrderByDescending(c => c.Exposed).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }
}
