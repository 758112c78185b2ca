using System.IO.Enumeration;
using System.Text;
using KpatchScript.IO;
using KpatchScript.Status;

namespace KpatchScript.Exposure;

/// <summary>
/// The kernel facts of every VEX document of a mirror, read once and kept in a cache file keyed by
/// each file's size and modification time: a file that did not change is not read again, so a host's
/// evaluation reads one cache file instead of tens of thousands of documents. The cache is written
/// whole or not at all (temporary file, rename); a cache that cannot be read as written is rebuilt,
/// never trusted. Malformed documents are kept in the index as skipped, with their reason.
/// </summary>
internal sealed class VexIndex
{
    private const string Header = "kps-vex-index 2";
    private const string EndMark = "end";

    private VexIndex(string mirror, List<VexRecord> records, List<SkippedVexFile> skipped, int read)
    {
        Mirror = mirror;
        Records = records;
        Skipped = skipped;
        DocumentsRead = read;
    }

    public string Mirror { get; }

    public IReadOnlyList<VexRecord> Records { get; }

    public IReadOnlyList<SkippedVexFile> Skipped { get; }

    /// <summary>How many documents this load parsed (the others came from the cache).</summary>
    public int DocumentsRead { get; }

    /// <summary>The cache file of <paramref name="mirror"/> under <paramref name="cacheDirectory"/> (null: <c>$XDG_CACHE_HOME/kpatch-script</c>, else <c>~/.cache/kpatch-script</c>): binary, length-prefixed strings, an end mark.</summary>
    public static string CacheFileOf(string mirror, string? cacheDirectory)
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = cacheDirectory ?? Path.Combine(!string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "kpatch-script");
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(mirror))))[..16].ToLowerInvariant();
        return Path.Combine(root, $"vex-index-{key}.bin");
    }

    /// <summary>Indexes <paramref name="mirror"/>, from the cache where files did not change, and writes the cache back when anything did.</summary>
    /// <exception cref="IOException">The mirror is not a readable directory.</exception>
    public static VexIndex Load(string mirror, string cacheFile)
    {
        mirror = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mirror));
        if (!Directory.Exists(mirror))
        {
            throw new IOException($"the VEX directory {mirror} does not exist or is not a directory");
        }

        var cached = ReadCache(cacheFile, mirror);
        var entries = new List<Entry>();
        var read = 0;
        List<(string Path, long Size, long Ticks)> files;
        try
        {
            // The directory entries' own sizes and times: no FileInfo, one stat per file.
            files = [.. new FileSystemEnumerable<(string, long, long)>(mirror,
                (ref FileSystemEntry e) => (e.ToFullPath(), e.Length, e.LastWriteTimeUtc.UtcTicks),
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && e.FileName.EndsWith(".json", StringComparison.Ordinal),
            }];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the VEX directory {mirror} cannot be listed: {ex.Message}", ex);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach (var (path, size, ticks) in files)
        {
            var name = path[(mirror.Length + 1)..];
            if (cached is not null && cached.TryGetValue(name, out var hit) && hit.Size == size && hit.Ticks == ticks)
            {
                entries.Add(hit);
                continue;
            }

            read++;
            entries.Add(ReadDocument(path, name, size, ticks));
        }

        if (cached is null || read > 0 || cached.Count != entries.Count)
        {
            WriteCache(cacheFile, mirror, entries);
        }

        var records = new List<VexRecord>(entries.Count);
        var skipped = new List<SkippedVexFile>();
        foreach (var entry in entries)
        {
            if (entry.Record is { } record)
            {
                records.Add(record);
            }
            else
            {
                skipped.Add(new SkippedVexFile(entry.Name, entry.Error!));
            }
        }

        return new VexIndex(mirror, records, skipped, read);
    }

    private static Entry ReadDocument(string path, string name, long size, long ticks)
    {
        try
        {
            var record = VexDocument.Read(BoundedFile.ReadBytes(path, ReadLimits.VexDocument));
            return new Entry(name, size, ticks, record, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new Entry(name, size, ticks, null, OneLine(ex.Message));
        }
    }

    /// <summary>The one-line form of a reason: it is shown one a file.</summary>
    private static string OneLine(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>The cache as it was written, by file name; null when there is none, or it is not exactly what this code writes.</summary>
    private static Dictionary<string, Entry>? ReadCache(string cacheFile, string mirror)
    {
        if (!File.Exists(cacheFile))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(cacheFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Header || reader.ReadString() != mirror)
            {
                return null;
            }

            var count = reader.ReadInt32();
            var entries = new Dictionary<string, Entry>(count, StringComparer.Ordinal);
            // Names repeat across documents (kernel, the advisories of one erratum): one string each.
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string text) => strings.TryGetValue(text, out var shared) ? shared : strings[text] = text;
            for (var i = 0; i < count; i++)
            {
                var (name, size, ticks) = (reader.ReadString(), reader.ReadInt64(), reader.ReadInt64());
                if (!reader.ReadBoolean())
                {
                    entries[name] = new Entry(name, size, ticks, null, reader.ReadString());
                    continue;
                }

                var (cve, severity) = (reader.ReadString(), reader.ReadString());
                var products = new VexProduct[reader.ReadInt32()];
                for (var p = 0; p < products.Length; p++)
                {
                    var status = (VexStatus)reader.ReadByte();
                    products[p] = Enum.IsDefined(status)
                        ? new VexProduct(status, Shared(reader.ReadString()), reader.ReadInt32(), Shared(reader.ReadString()), Shared(reader.ReadString()))
                        : throw new InvalidDataException("not a product status");
                }

                entries[name] = new Entry(name, size, ticks, new VexRecord(cve, severity.Length == 0 ? null : Shared(severity), products), null);
            }

            // The end mark: a cache cut short (a full disk) is not read as a smaller mirror.
            return reader.ReadString() == EndMark && stream.Position == stream.Length ? entries : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or OverflowException or ArgumentException or OutOfMemoryException)
        {
            // EndOfStreamException is an IOException: a cut file; a length prefix gone wrong is out of range or memory.
            return null;
        }
    }

    private static void WriteCache(string cacheFile, string mirror, List<Entry> entries)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            AtomicFile.Write(cacheFile, (Stream stream) =>
            {
                using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                w.Write(Header);
                w.Write(mirror);
                w.Write(entries.Count);
                foreach (var entry in entries)
                {
                    w.Write(entry.Name);
                    w.Write(entry.Size);
                    w.Write(entry.Ticks);
                    w.Write(entry.Record is not null);
                    if (entry.Record is not { } record)
                    {
                        w.Write(entry.Error!);
                        continue;
                    }

                    w.Write(record.Cve);
                    w.Write(record.Severity ?? "");
                    w.Write(record.Products.Count);
                    foreach (var p in record.Products)
                    {
                        w.Write((byte)p.Status);
                        w.Write(p.Name);
                        w.Write(p.Major);
                        w.Write(p.Evr);
                        w.Write(p.Advisory);
                    }
                }

                w.Write(EndMark);
            });
        }
        catch (IOException)
        {
            // An unwritable cache costs the next run the reading, not this run its answer.
        }
    }

    private sealed record Entry(string Name, long Size, long Ticks, VexRecord? Record, string? Error);
}
