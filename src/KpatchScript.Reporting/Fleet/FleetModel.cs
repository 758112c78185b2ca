using System.Text;
using System.Text.Json;
using KpatchScript.Serialization;
using KpatchScript.Verdicts;

namespace KpatchScript.Reporting.Fleet;

/// <summary>Per CVE, the hosts in each state, and how many are exposed (not fixed live).</summary>
/// <remarks>
/// The first three states come from the hosts' packages (changelogs, dnf); the last three from the
/// VEX exposure of hosts whose status carries one (vex_directory): a CVE in both is in the first state that applies.
/// </remarks>
public sealed record FleetExposure(string Id, IReadOnlyList<string> FixedLive, IReadOnlyList<string> InstalledNotLive, IReadOnlyList<string> UpdateAvailable)
{
    /// <summary>Hosts whose newer installed kernel fixes it (VEX): exposed until they reboot.</summary>
    public IReadOnlyList<string> FixedAfterReboot { get; init; } = [];

    /// <summary>Hosts it affects with a released fix not in effect (VEX).</summary>
    public IReadOnlyList<string> FixAvailable { get; init; } = [];

    /// <summary>Hosts it affects with no fix released for their stream (VEX).</summary>
    public IReadOnlyList<string> NoFixYet { get; init; } = [];

    public int Exposed => InstalledNotLive.Count + UpdateAvailable.Count + FixedAfterReboot.Count + FixAvailable.Count + NoFixYet.Count;

    /// <summary>Every host list, in the JSON's order.</summary>
    internal IEnumerable<IReadOnlyList<string>> Lists => [FixedLive, InstalledNotLive, UpdateAvailable, FixedAfterReboot, FixAvailable, NoFixYet];
}

/// <summary>
/// The fleet report: summary counts, the hosts (needing action first), the unreadable files and
/// CVE exposure across hosts. Its JSON form (<see cref="WriteJson"/>, schema_version 1) is
/// written as it goes; templates get it through <see cref="Rendering.TemplateRenderer"/>, which
/// makes each host's objects when the template reaches it.
/// </summary>
public sealed record FleetModel(string Directory, string GeneratedAt, IReadOnlyList<FleetHostRow> Hosts, IReadOnlyList<UnreadableFile> Unreadable, IReadOnlyList<FleetExposure> Exposure)
{
    public string ToolVersion { get; init; } = KpatchFacade.ToolVersion;

    /// <summary>Documents of a host name a newer document also carries: listed, not counted (<see cref="FleetDuplicate"/>).</summary>
    public IReadOnlyList<FleetDuplicate> Duplicates { get; init; } = [];

    public int NotCovered => Hosts.Count(h => h.State == VerdictState.NotCovered);

    public int ActionNeeded => Hosts.Count(h => h.State == VerdictState.ActionNeeded);

    public int Covered => Hosts.Count(h => h.State == VerdictState.Covered);

    /// <summary>Array elements and string characters of the whole report, as the template renderer sizes its limits.</summary>
    public (long Elements, long Characters) Size
    {
        get
        {
            long elements = Hosts.Count + Unreadable.Count + Exposure.Count;
            long characters = Directory.Length + GeneratedAt.Length + ToolVersion.Length;
            foreach (var host in Hosts)
            {
                elements += host.Size.Elements;
                characters += host.Size.Characters;
            }

            foreach (var file in Unreadable)
            {
                characters += file.File.Length + file.Reason.Length;
            }

            elements += Duplicates.Count;
            foreach (var duplicate in Duplicates)
            {
                characters += duplicate.File.Length + duplicate.Name.Length + duplicate.CollectedAt.Length + duplicate.State.Length + duplicate.Kept.Length;
            }

            foreach (var cve in Exposure)
            {
                elements += cve.Lists.Sum(l => l.Count);
                characters += cve.Id.Length + cve.Lists.Sum(l => l.Sum(h => h.Length));
            }

            return (elements, characters);
        }
    }

    /// <summary>The JSON form, whole (tests, small fleets); <see cref="WriteJson"/> writes it as it goes.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteJson(stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>
    /// Writes the JSON form host by host (each status is parsed from its row only while it is
    /// written), as <see cref="ModelJson.Write"/> would write the same report built as one node tree.
    /// </summary>
    public void WriteJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, JsonConvention.WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("generated_at", GeneratedAt);
        w.WriteString("tool_version", ToolVersion);
        w.WriteString("directory", Directory);
        w.WriteStartObject("summary");
        w.WriteNumber("hosts", Hosts.Count);
        w.WriteNumber("not_covered", NotCovered);
        w.WriteNumber("action_needed", ActionNeeded);
        w.WriteNumber("covered", Covered);
        w.WriteNumber("unreadable", Unreadable.Count);
        w.WriteNumber("duplicates", Duplicates.Count);
        w.WriteEndObject();
        w.WriteStartArray("hosts");
        foreach (var host in Hosts)
        {
            WriteHost(w, host);
            if (w.BytesPending > 1 << 16)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
        Objects(w, "unreadable", Unreadable, file =>
        {
            w.WriteString("file", file.File);
            w.WriteString("reason", file.Reason);
        });
        Objects(w, "duplicates", Duplicates, duplicate =>
        {
            w.WriteString("file", duplicate.File);
            w.WriteString("name", duplicate.Name);
            w.WriteString("collected_at", duplicate.CollectedAt);
            w.WriteString("state", duplicate.State);
            w.WriteString("kept", duplicate.Kept);
        });
        Objects(w, "cves", Exposure, cve =>
        {
            w.WriteString("id", cve.Id);
            w.WriteNumber("exposed", cve.Exposed);
            Strings(w, "fixed_live", cve.FixedLive);
            Strings(w, "installed_not_live", cve.InstalledNotLive);
            Strings(w, "update_available", cve.UpdateAvailable);
            Strings(w, "fixed_after_reboot", cve.FixedAfterReboot);
            Strings(w, "fix_available", cve.FixAvailable);
            Strings(w, "no_fix_yet", cve.NoFixYet);
        });
        w.WriteEndObject();
    }

    private static void WriteHost(Utf8JsonWriter w, FleetHostRow host)
    {
        w.WriteStartObject();
        w.WriteString("file", host.File);
        w.WriteString("name", host.Name);
        w.WriteString("target", host.Target);
        w.WriteString("collected_at", host.CollectedAt);
        var (verdictJson, statusJson) = host.Documents();
        w.WritePropertyName("verdict");
        using (var verdict = JsonDocument.Parse(verdictJson))
        {
            verdict.RootElement.WriteTo(w);
        }

        w.WriteStartArray("cves");
        foreach (var cve in host.Cves)
        {
            w.WriteStartObject();
            w.WriteString("id", cve.Id);
            w.WriteString("state", cve.State);
            w.WriteString("package", cve.Package);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("cves_fixed_live", host.FixedLive);
        w.WriteNumber("cves_pending", host.Pending);
        w.WritePropertyName("status");
        using (var status = JsonDocument.Parse(statusJson))
        {
            status.RootElement.WriteTo(w);
        }

        w.WriteEndObject();
    }

    /// <summary>An array named <paramref name="name"/> of one object per item, its properties written by <paramref name="properties"/>.</summary>
    private static void Objects<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<T> properties)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            properties(item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
