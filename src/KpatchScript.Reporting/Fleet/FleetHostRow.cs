using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.Verdicts;

namespace KpatchScript.Reporting.Fleet;

/// <summary>One CVE a host's data names, in its best state (<see cref="FleetReportBuilder.FixedLive"/> and the others).</summary>
public sealed record FleetCve(string Id, string State, string? Package);

/// <summary>
/// One host of a fleet report, compact: what the report shows of it, its verdict's state, its
/// CVEs, and its verdict and status documents as the report embeds them (<see cref="VerdictJson"/>,
/// <see cref="StatusJson.Serialize(HostStatus, Verdict)"/>), kept together as Brotli-compressed
/// UTF-8 and parsed again only when written or rendered. A fleet of 100,000 hosts is 100,000 of
/// these, about 3 KB each, not 100,000 object trees (tests/benchmarks: the fleet report rows).
/// </summary>
public sealed class FleetHostRow
{
    // [verdict length: 4 bytes][verdict UTF-8][status UTF-8], compressed.
    private readonly byte[] _documents;
    private readonly int _length;

    private FleetHostRow(string file, string name, string target, string collectedAt, VerdictState state, IReadOnlyList<FleetCve> cves, byte[] documents, int length)
    {
        File = file;
        Name = name;
        Target = target;
        CollectedAt = collectedAt;
        State = state;
        Cves = cves;
        _documents = documents;
        _length = length;
        FixedLive = cves.Count(c => c.State == FleetReportBuilder.FixedLive);
        Pending = cves.Count - FixedLive;
    }

    /// <summary>The document's file name in the fleet directory.</summary>
    public string File { get; }

    /// <summary>The host name the document carries, else the file name.</summary>
    public string Name { get; }

    public string Target { get; }

    /// <summary>When the status was collected, as the report writes times.</summary>
    public string CollectedAt { get; }

    /// <summary>When the status was collected: of two documents of one host name, the report keeps the newer.</summary>
    public DateTimeOffset Collected { get; private init; }

    /// <summary>The verdict's state (the report orders and counts by it).</summary>
    public VerdictState State { get; }

    /// <summary>Each CVE once, ordered by id.</summary>
    public IReadOnlyList<FleetCve> Cves { get; }

    public int FixedLive { get; }

    public int Pending { get; }

    /// <summary>Array elements and string characters of this host's part of the report: the render limits grow with them.</summary>
    public (long Elements, long Characters) Size { get; private init; }

    /// <summary>The verdict and the status documents as the report embeds them (UTF-8 JSON each).</summary>
    public (ReadOnlyMemory<byte> Verdict, ReadOnlyMemory<byte> Status) Documents()
    {
        var json = new byte[_length];
        if (!BrotliDecoder.TryDecompress(_documents, json, out var written) || written != _length)
        {
            throw new InvalidOperationException("a fleet row's documents did not decompress to their length");
        }

        var verdict = BinaryPrimitives.ReadInt32LittleEndian(json);
        return (json.AsMemory(4, verdict), json.AsMemory(4 + verdict));
    }

    /// <summary>The row of <paramref name="host"/>: its own verdict, or one judged from its status alone for a version-1 document.</summary>
    /// <param name="host">The host as read.</param>
    /// <param name="options">How a version-1 document's verdict is judged.</param>
    /// <param name="strings">Shared copies of the strings many hosts repeat (CVE ids, package names), so a large fleet holds each once.</param>
    /// <exception cref="NullReferenceException">The document parsed but lacks a nested value the schema requires.</exception>
    public static FleetHostRow From(FleetHost host, VerdictOptions? options, ConcurrentDictionary<string, string>? strings = null)
    {
        var status = host.Status;
        var verdict = host.Verdict ?? VerdictJudge.Judge(status, checks: null, options);
        var name = status.Host.Hostname.GetValueOrDefault(host.File)!;
        var cves = CvesOf(status, strings);
        var verdictJson = Encoding.UTF8.GetBytes(Serialization.VerdictJson.Write(verdict));
        var statusJson = Encoding.UTF8.GetBytes(StatusJson.Serialize(status, verdict));
        var json = new byte[4 + verdictJson.Length + statusJson.Length];
        BinaryPrimitives.WriteInt32LittleEndian(json, verdictJson.Length);
        verdictJson.CopyTo(json, 4);
        statusJson.CopyTo(json, 4 + verdictJson.Length);
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        // Quality 1: the fastest; the documents still shrink to about a third (higher qualities: a
        // fifth less, at two to four times the time; measured on rhel9-covered's status).
        if (!BrotliEncoder.TryCompress(json, compressed, out var length, quality: 1, window: 22))
        {
            throw new InvalidOperationException("a fleet row's documents did not compress");
        }

        var collectedAt = JsonConvention.Time(status.CollectedAt);
        var (statusElements, statusCharacters) = JsonMeasure.Of(statusJson);
        var (verdictElements, verdictCharacters) = JsonMeasure.Of(verdictJson);
        long cveCharacters = 0;
        foreach (var cve in cves)
        {
            cveCharacters += cve.Id.Length + cve.State.Length + (cve.Package?.Length ?? 0);
        }

        return new FleetHostRow(host.File, name, status.Target, collectedAt, verdict.State, cves, compressed[..length], json.Length)
        {
            Collected = status.CollectedAt,
            Size = (statusElements + verdictElements + cves.Count,
                statusCharacters + verdictCharacters + cveCharacters + host.File.Length + name.Length + status.Target.Length + collectedAt.Length),
        };
    }

    /// <summary>Each CVE the host's data names once, in its best state: fixed live, else installed but not live, else an update fixes it.</summary>
    private static List<FleetCve> CvesOf(HostStatus status, ConcurrentDictionary<string, string>? strings)
    {
        var coverage = status.Coverage;
        var packages = status.Packages.GetValueOrDefault([])!.Where(p => p.ForRunningKernel).ToList();
        string Shared(string value) => strings is null ? value : strings.GetOrAdd(value, value);
        string? PackageOf(string cve) => packages.FirstOrDefault(p => p.Cves.Contains(cve)) is { } p ? Shared($"{p.Name}-{p.Version}-{p.Release}") : null;
        var cves = new List<FleetCve>();
        cves.AddRange(coverage.FixedLiveNow.GetValueOrDefault([])!.Select(c => new FleetCve(Shared(c), FleetReportBuilder.FixedLive, PackageOf(c))));
        cves.AddRange(coverage.InstalledNotLive.GetValueOrDefault([])!.Select(c => new FleetCve(Shared(c), FleetReportBuilder.InstalledNotLive, PackageOf(c))));
        foreach (var update in coverage.Updates.GetValueOrDefault([])!.Where(u => u.ForRunningKernel))
        {
            cves.AddRange(update.NewCves.Select(c => new FleetCve(Shared(c), FleetReportBuilder.UpdateAvailable, Shared($"{update.Name}-{update.Version}-{update.Release}"))));
        }

        return cves.DistinctBy(c => c.Id).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }
}
