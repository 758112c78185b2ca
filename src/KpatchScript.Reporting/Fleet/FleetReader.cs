using System.Text.Json;
using KpatchScript.IO;
using KpatchScript.Serialization;
using KpatchScript.Status;

namespace KpatchScript.Reporting.Fleet;

/// <summary>
/// Reads every <c>*.json</c> file of a directory as a <c>status --json</c> document, collected from
/// many hosts by any means (scp, Ansible fetch, a config-management share). Nothing is skipped
/// silently: a file that is not a valid status document is returned as unreadable with the reason,
/// as is one that is not a regular file (a FIFO is never waited on) or larger than
/// <see cref="ReadLimits.FleetDocument"/>.
/// </summary>
public static class FleetReader
{
    /// <exception cref="IOException">The directory does not exist or cannot be listed.</exception>
    public static FleetInput Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new IOException($"fleet directory {directory} does not exist");
        }

        string[] files;
        try
        {
            files = Directory.GetFiles(directory, "*.json");
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException)
        {
            throw new IOException($"fleet directory {directory} cannot be listed: {ex.Message}", ex);
        }

        var hosts = new List<FleetHost>();
        var unreadable = new List<UnreadableFile>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                var json = BoundedFile.ReadText(file, ReadLimits.FleetDocument);
                hosts.Add(new FleetHost(name, Parse(json), ParseVerdict(json)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new UnreadableFile(name, $"cannot be read: {ex.Message}"));
            }
            catch (FormatException ex)
            {
                unreadable.Add(new UnreadableFile(name, ex.Message));
            }
        }

        return new FleetInput(directory, hosts, unreadable);
    }

    /// <summary>The status documents this reader takes: version 1 (no verdict) and version 2 (with the host's verdict).</summary>
    public static IReadOnlyList<int> SchemaVersions { get; } = [1, HostStatus.CurrentSchemaVersion];

    /// <summary>The verdict a version-2 document carries, checked (a state its reasons do not make is refused); null for version 1.</summary>
    /// <exception cref="FormatException">The verdict is not a valid one; the message says why.</exception>
    public static Verdicts.Verdict? ParseVerdict(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return StatusJson.ReadVerdict(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a status --json document: {JsonErrors.Describe(ex)}", ex);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"not a valid status --json document: {ex.Message}", ex);
        }
    }

    /// <exception cref="FormatException">Not a version-1 or version-2 status document; the message says why.</exception>
    public static HostStatus Parse(string json)
    {
        HostStatus? status;
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("not a status --json document: not a JSON object");
                }

                if (!document.RootElement.TryGetProperty("schema_version", out var version) || version.ValueKind != JsonValueKind.Number
                    || !version.TryGetInt32(out var number) || !SchemaVersions.Contains(number))
                {
                    throw new FormatException($"not a status --json document: no \"schema_version\" of {string.Join(" or ", SchemaVersions)}");
                }
            }

            status = StatusJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a status --json document: {JsonErrors.Describe(ex)}", ex);
        }

        string? missing = status is null ? "the document" : status.Target is null ? "target" : status.Host is null ? "host" : status.Kernel is null ? "kernel"
            : status.Livepatch is null ? "livepatch" : status.Kpatch is null ? "kpatch" : status.Packages is null ? "packages" : status.Coverage is null ? "coverage" : null;
        return missing is null ? status! : throw new FormatException($"not a status --json document: no \"{missing}\"");
    }
}
