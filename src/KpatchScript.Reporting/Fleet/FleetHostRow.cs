using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.Verdicts;

namespace KpatchScript.Reporting.Fleet;

/// <summary>One CVE a host's data names, in its best state (<see cref="FleetReportBuilder.FixedLive"/> and the others).</summary>
public sealed record FleetCve(string Id, string State, string? Package);

/// <summary>
/// One host of a fleet report, compact: what the report shows of it, its verdict's state, its
/// CVEs, and its status document as the report embeds it, verdict inside
/// (<see cref="StatusJson.SerializeCompact"/>), kept as UTF-8 compressed by the fleet's
/// <see cref="FleetDocumentCodec"/> and parsed again only when written or rendered. A fleet of
/// 100,000 hosts is 100,000 of these, not 100,000 object trees: 62 MB in all for the benchmark's
/// fleet, whose documents differ in two values (1.3 KB a document without the codec's dictionary;
/// tests/benchmarks: the fleet report rows).
/// </summary>
public sealed class FleetHostRow
{
    // The status document, compact UTF-8 with its verdict inside, compressed by the fleet's codec; and where the verdict is in it.
    private readonly byte[] _documents;
    private readonly FleetDocumentCodec _codec;
    private readonly int _length;
    private readonly int _verdictStart;
    private readonly int _verdictLength;

    // Each thread's buffer for the document as written, before it is compressed.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    private FleetHostRow(string file, string name, string target, string collectedAt, VerdictState state, IReadOnlyList<FleetCve> cves, byte[] documents, FleetDocumentCodec codec, int length, Range verdict)
    {
        File = file;
        Name = name;
        Target = target;
        CollectedAt = collectedAt;
        State = state;
        Cves = cves;
        _documents = documents;
        _codec = codec;
        _length = length;
        (_verdictStart, _verdictLength) = verdict.GetOffsetAndLength(length);
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

    /// <summary>The verdict and the status documents as the report embeds them (UTF-8 JSON each; the verdict is the status's own <c>verdict</c>).</summary>
    public (ReadOnlyMemory<byte> Verdict, ReadOnlyMemory<byte> Status) Documents()
    {
        var json = new byte[_length];
        _codec.Decompress(_documents, json);
        return (json.AsMemory(_verdictStart, _verdictLength), json);
    }

    /// <summary>The row of <paramref name="host"/>: its own verdict, or one judged from its status alone for a version-1 document.</summary>
    /// <param name="host">The host as read.</param>
    /// <param name="options">How a version-1 document's verdict is judged.</param>
    /// <param name="strings">Shared copies of the strings many hosts repeat (CVE ids, package names), so a large fleet holds each once.</param>
    /// <param name="codec">The fleet's codec, shared by its rows; without one, the row's documents are compressed on their own.</param>
    /// <exception cref="NullReferenceException">The document parsed but lacks a nested value the schema requires.</exception>
    public static FleetHostRow From(FleetHost host, VerdictOptions? options, ConcurrentDictionary<string, string>? strings = null, FleetDocumentCodec? codec = null)
    {
        var status = host.Status;
        var verdict = host.Verdict ?? VerdictJudge.Judge(status, checks: null, options);
        var name = status.Host.Hostname.GetValueOrDefault(host.File)!;
        var cves = CvesOf(status, strings);
        var json = t_json ??= new ArrayBufferWriter<byte>(16 * 1024);
        json.ResetWrittenCount();
        StatusJson.SerializeCompact(status, verdict, json);
        var statusJson = json.WrittenSpan;
        var verdictRange = VerdictIn(statusJson);
        var verdictJson = statusJson[verdictRange];
        codec ??= FleetDocumentCodec.Plain;
        var compressed = codec.Compress(statusJson);
        var collectedAt = JsonConvention.Time(status.CollectedAt);
        var (statusElements, statusCharacters) = JsonMeasure.Of(statusJson);
        var (verdictElements, verdictCharacters) = JsonMeasure.Of(verdictJson);
        long cveCharacters = 0;
        foreach (var cve in cves)
        {
            cveCharacters += cve.Id.Length + cve.State.Length + (cve.Package?.Length ?? 0);
        }

        return new FleetHostRow(host.File, name, status.Target, collectedAt, verdict.State, cves, compressed, codec, statusJson.Length, verdictRange)
        {
            Collected = status.CollectedAt,
            Size = (statusElements + verdictElements + cves.Count,
                statusCharacters + verdictCharacters + cveCharacters + host.File.Length + name.Length + status.Target.Length + collectedAt.Length),
        };
    }

    /// <summary>Where the verdict's value is in the status document: its top-level <c>verdict</c> property.</summary>
    private static Range VerdictIn(ReadOnlySpan<byte> status)
    {
        var reader = new Utf8JsonReader(status);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVerdict = reader.ValueTextEquals("verdict"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isVerdict)
            {
                return start..(int)reader.BytesConsumed;
            }
        }

        throw new InvalidOperationException("a fleet row's status document has no verdict");
    }

    /// <summary>
    /// Each CVE the host's data names once, in its best state: fixed live, else installed but not
    /// live, else an update fixes it (the packages), else what the VEX exposure says (when configured):
    /// fixed after reboot, fix available, no fix yet. Not affected is not listed.
    /// </summary>
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

        foreach (var exposed in status.Exposure.GetValueOrDefault()?.Cves ?? [])
        {
            cves.Add(new FleetCve(Shared(exposed.Cve), exposed.State, exposed.FixedBy is null ? null : Shared(exposed.FixedBy)));
        }

        return cves.DistinctBy(c => c.Id).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }
}
