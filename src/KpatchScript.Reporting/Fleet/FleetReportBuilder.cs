using System.Text.Json.Nodes;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.Verdicts;

namespace KpatchScript.Reporting.Fleet;

/// <summary>
/// The fleet report model: summary counts, hosts needing action first (each with its verdict,
/// its CVEs and its status document), the unreadable files, and CVE exposure across hosts.
/// Each host shows the verdict its document carries (the one its own status command printed);
/// a version-1 document has none, so its verdict is judged from the status alone, and says so.
/// </summary>
public static class FleetReportBuilder
{
    public const string FixedLive = "fixed live";
    public const string InstalledNotLive = "installed, not live";
    public const string UpdateAvailable = "update available";

    public static JsonObject Build(FleetInput input, TimeProvider time, VerdictOptions? options = null)
    {
        // Each host's part is built on its own, in parallel (a fleet is thousands of hosts, tests/benchmarks).
        var built = new (Verdict Verdict, string Name, JsonObject Json)?[input.Hosts.Count];
        Parallel.For(0, built.Length, i => built[i] = Build(input.Hosts[i], options));
        var hosts = new List<(Verdict Verdict, string Name, JsonObject Json)>(built.Length);
        var unreadable = input.Unreadable.ToList();
        for (var i = 0; i < built.Length; i++)
        {
            if (built[i] is { } host)
            {
                hosts.Add(host);
            }
            else
            {
                unreadable.Add(new UnreadableFile(input.Hosts[i].File, "not a status --json document: a required value is missing"));
            }
        }

        var ordered = hosts.OrderByDescending(h => h.Verdict.State).ThenBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => (string)h.Json["file"]!, StringComparer.Ordinal).ToList();
        return new JsonObject
        {
            ["schema_version"] = 1,
            ["generated_at"] = JsonConvention.Time(time.GetUtcNow()),
            ["tool_version"] = KpatchFacade.ToolVersion,
            ["directory"] = input.Directory,
            ["summary"] = new JsonObject
            {
                ["hosts"] = hosts.Count,
                ["not_covered"] = hosts.Count(h => h.Verdict.State == VerdictState.NotCovered),
                ["action_needed"] = hosts.Count(h => h.Verdict.State == VerdictState.ActionNeeded),
                ["covered"] = hosts.Count(h => h.Verdict.State == VerdictState.Covered),
                ["unreadable"] = unreadable.Count,
            },
            ["hosts"] = ModelJson.Array(ordered, h => h.Json),
            ["unreadable"] = ModelJson.Array(unreadable.OrderBy(u => u.File, StringComparer.Ordinal), u => new JsonObject { ["file"] = u.File, ["reason"] = u.Reason }),
            ["cves"] = Exposure(ordered.Select(h => (h.Name, (JsonArray)h.Json["cves"]!))),
        };
    }

    /// <summary>One host's verdict, name and part of the report; null for a document that parsed but lacks a nested value the schema requires.</summary>
    private static (Verdict Verdict, string Name, JsonObject Json)? Build(FleetHost host, VerdictOptions? options)
    {
        try
        {
            var verdict = host.Verdict ?? VerdictJudge.Judge(host.Status, checks: null, options);
            return (verdict, Name(host), Host(host, verdict));
        }
        catch (NullReferenceException)
        {
            return null;
        }
    }

    private static string Name(FleetHost host) => host.Status.Host.Hostname.GetValueOrDefault(host.File)!;

    private static JsonObject Host(FleetHost host, Verdict verdict)
    {
        var status = host.Status;
        var cves = Cves(status);
        return new JsonObject
        {
            ["file"] = host.File,
            ["name"] = Name(host),
            ["target"] = status.Target,
            ["collected_at"] = JsonConvention.Time(status.CollectedAt),
            ["verdict"] = ModelJson.Parse(VerdictJson.Write(verdict)),
            ["cves"] = ModelJson.Array(cves, c => new JsonObject { ["id"] = c.Id, ["state"] = c.State, ["package"] = c.Package }),
            ["cves_fixed_live"] = cves.Count(c => c.State == FixedLive),
            ["cves_pending"] = cves.Count(c => c.State != FixedLive),
            ["status"] = ModelJson.Parse(StatusJson.Serialize(status, verdict)),
        };
    }

    /// <summary>Each CVE the host's data names once, in its best state: fixed live, else installed but not live, else an update fixes it.</summary>
    private static List<(string Id, string State, string? Package)> Cves(HostStatus status)
    {
        var coverage = status.Coverage;
        var packages = status.Packages.GetValueOrDefault([])!.Where(p => p.ForRunningKernel).ToList();
        string? PackageOf(string cve) => packages.FirstOrDefault(p => p.Cves.Contains(cve)) is { } p ? $"{p.Name}-{p.Version}-{p.Release}" : null;
        var cves = new List<(string Id, string State, string? Package)>();
        cves.AddRange(coverage.FixedLiveNow.GetValueOrDefault([])!.Select(c => (c, FixedLive, PackageOf(c))));
        cves.AddRange(coverage.InstalledNotLive.GetValueOrDefault([])!.Select(c => (c, InstalledNotLive, PackageOf(c))));
        foreach (var update in coverage.Updates.GetValueOrDefault([])!.Where(u => u.ForRunningKernel))
        {
            cves.AddRange(update.NewCves.Select(c => (c, UpdateAvailable, (string?)$"{update.Name}-{update.Version}-{update.Release}")));
        }

        return cves.DistinctBy(c => c.Id).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Per CVE, the hosts in each state; the most exposed (not fixed live on the most hosts) first.</summary>
    private static JsonArray Exposure(IEnumerable<(string Host, JsonArray Cves)> hosts)
    {
        var byCve = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (var (host, cves) in hosts)
        {
            foreach (var cve in cves)
            {
                var id = (string)cve!["id"]!;
                var states = byCve.TryGetValue(id, out var found) ? found : byCve[id] = new(StringComparer.Ordinal) { [FixedLive] = [], [InstalledNotLive] = [], [UpdateAvailable] = [] };
                states[(string)cve["state"]!].Add(host);
            }
        }

        return ModelJson.Array(
            byCve.OrderByDescending(c => c.Value[InstalledNotLive].Count + c.Value[UpdateAvailable].Count).ThenBy(c => c.Key, StringComparer.Ordinal),
            c => new JsonObject
            {
                ["id"] = c.Key,
                ["exposed"] = c.Value[InstalledNotLive].Count + c.Value[UpdateAvailable].Count,
                ["fixed_live"] = ModelJson.Strings(c.Value[FixedLive]),
                ["installed_not_live"] = ModelJson.Strings(c.Value[InstalledNotLive]),
                ["update_available"] = ModelJson.Strings(c.Value[UpdateAvailable]),
            });
    }
}
