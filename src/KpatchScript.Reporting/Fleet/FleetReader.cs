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
        var (hosts, unreadable) = Split<FleetHost>(Each(directory, host => host));
        return new FleetInput(directory, hosts, unreadable);
    }

    /// <summary>What <see cref="Each"/> (or a caller mapping hosts the same way) made: the items, and the unreadable files, each in order.</summary>
    internal static (List<T> Items, List<UnreadableFile> Unreadable) Split<T>(IEnumerable<object> results)
    {
        var items = new List<T>();
        var unreadable = new List<UnreadableFile>();
        foreach (var result in results)
        {
            if (result is UnreadableFile file)
            {
                unreadable.Add(file);
            }
            else
            {
                items.Add((T)result);
            }
        }

        return (items, unreadable);
    }

    /// <summary>
    /// Each <c>*.json</c> file of the directory, in name order: what <paramref name="map"/> makes
    /// of its host, or an <see cref="UnreadableFile"/>. Files are read, parsed and mapped in
    /// parallel, each on its own: a fleet is thousands of files (tests/benchmarks), and a caller
    /// that maps a host to something small never holds the fleet's statuses at once.
    /// </summary>
    /// <exception cref="IOException">The directory does not exist or cannot be listed.</exception>
    public static object[] Each(string directory, Func<FleetHost, object> map)
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

        var ordered = files.Order(StringComparer.Ordinal).ToArray();
        var results = new object[ordered.Length];
        Parallel.For(0, ordered.Length, i =>
        {
            var result = ReadOne(ordered[i]);
            results[i] = result is FleetHost host ? map(host) : result;
        });
        return results;
    }

    /// <summary>One file: its host, or why it is unreadable.</summary>
    private static object ReadOne(string file)
    {
        var name = Path.GetFileName(file);
        try
        {
            var bytes = BoundedFile.ReadBytes(file, ReadLimits.FleetDocument);
            // Valid UTF-8 (nearly every document) is parsed as it is; anything else as File.ReadAllText decodes it.
            var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            var (status, verdict) = !bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) && !bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) && System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(bom))
                ? ParseDocument(bytes.AsMemory(bom))
                : ParseDocument(BoundedFile.Decode(bytes));
            return new FleetHost(name, status, verdict);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new UnreadableFile(name, $"cannot be read: {ex.Message}");
        }
        catch (FormatException ex)
        {
            return new UnreadableFile(name, ex.Message);
        }
    }

    /// <summary>The status documents this reader takes: version 1 (no verdict) and version 2 (with the host's verdict).</summary>
    public static IReadOnlyList<int> SchemaVersions { get; } = [1, HostStatus.CurrentSchemaVersion];

    /// <summary>The status and the verdict it carries, from one parse of the document for both checks.</summary>
    /// <exception cref="FormatException">Not a version-1 or version-2 status document, or its verdict is not valid; the message says why.</exception>
    public static (HostStatus Status, Verdicts.Verdict? Verdict) ParseDocument(string json) => ParseDocument(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>The same from UTF-8 text without a byte-order mark.</summary>
    /// <exception cref="FormatException">Not a version-1 or version-2 status document, or its verdict is not valid; the message says why.</exception>
    public static (HostStatus Status, Verdicts.Verdict? Verdict) ParseDocument(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            // Nearly every document is as a writer of this schema wrote it: read by hand, in one pass.
            if (StatusJson.TryReadAsWritten(utf8.Span) is { } written && SchemaVersions.Contains(written.Status.SchemaVersion))
            {
                return (written.Status, written.Verdict.Start.Equals(written.Verdict.End) ? null : Verdict(Element(utf8.Span[written.Verdict])));
            }

            var (isObject, version, verdict) = TopLevel(utf8.Span);
            var status = Status(utf8.Span, isObject, version);
            return (status, verdict is { } element ? Verdict(element) : null);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a status --json document: {(Words(utf8.Span) is { } words ? $"it says '{words}'" : JsonErrors.Describe(ex))}", ex);
        }
    }

    /// <summary>
    /// One pass over the document's top level, checking its syntax to the end: whether it is an
    /// object, its schema version (null when absent or not a whole number), and its verdict as a
    /// value of its own. Only the verdict (a few hundred bytes) becomes a node tree, not the whole
    /// document: a fleet is thousands of them (tests/benchmarks: the fleet report rows). Of a name
    /// given twice the last counts, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> has it.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    private static (bool IsObject, int? Version, JsonElement? Verdict) TopLevel(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        var isObject = reader.TokenType == JsonTokenType.StartObject;
        int? version = null;
        JsonElement? verdict = null;
        if (!isObject)
        {
            reader.Skip();
        }
        else
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("schema_version"u8))
                {
                    reader.Read();
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) ? number : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("verdict"u8))
                {
                    reader.Read();
                    verdict = JsonElement.ParseValue(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        // Anything after the value is an error, as for any JSON text.
        reader.Read();
        return (isObject, version, verdict);
    }

    /// <summary>
    /// The first line of a file that is text, not JSON: what a collector wrote instead of a document
    /// ("kpatch-script status failed on web1: ...", an ssh error captured with 2>&amp;1). At most 120
    /// characters, made safe for a terminal; null for anything that starts like JSON.
    /// </summary>
    private static string? Words(ReadOnlySpan<byte> utf8)
    {
        var text = utf8.TrimStart(" \t\r\n"u8);
        if (text.IsEmpty || text[0] is (byte)'{' or (byte)'[' or (byte)'"')
        {
            return null;
        }

        var line = text[..(text.IndexOfAny("\r\n"u8) is var end and >= 0 ? end : text.Length)];
        var words = System.Text.Encoding.UTF8.GetString(line[..Math.Min(line.Length, 480)]).TrimEnd();
        return SafeText.Of(words.Length <= 120 ? words : words[..120] + "...");
    }

    /// <summary>A JSON value of its own, already checked.</summary>
    private static JsonElement Element(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
        reader.Read();
        return JsonElement.ParseValue(ref reader);
    }

    private static Verdicts.Verdict Verdict(JsonElement verdict)
    {
        try
        {
            return VerdictJson.Read(verdict);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"not a valid status --json document: {ex.Message}", ex);
        }
    }

    /// <summary>The schema version checked first, then the status deserialized from its text (whose errors name a line).</summary>
    /// <exception cref="JsonException">The document does not deserialize.</exception>
    private static HostStatus Status(ReadOnlySpan<byte> json, bool isObject, int? version)
    {
        if (!isObject)
        {
            throw new FormatException("not a status --json document: not a JSON object");
        }

        if (version is not { } number || !SchemaVersions.Contains(number))
        {
            throw new FormatException($"not a status --json document: no \"schema_version\" of {string.Join(" or ", SchemaVersions)}");
        }

        var status = StatusJson.Deserialize(json);
        string? missing = status is null ? "the document" : status.Target is null ? "target" : status.Host is null ? "host" : status.Kernel is null ? "kernel"
            : status.Livepatch is null ? "livepatch" : status.Kpatch is null ? "kpatch" : status.Packages is null ? "packages" : status.Coverage is null ? "coverage" : null;
        return missing is null ? status! : throw new FormatException($"not a status --json document: no \"{missing}\"");
    }
}
