using System.Globalization;
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
    /// <summary>The most one VEX document may hold: Red Hat's largest kernel documents are a few MiB.</summary>
    public const long MaxDocumentBytes = 64 * 1024 * 1024;

    private const string Header = "kps-vex-index\t1";

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

    /// <summary>The cache file of <paramref name="mirror"/> under <paramref name="cacheDirectory"/> (null: <c>$XDG_CACHE_HOME/kpatch-script</c>, else <c>~/.cache/kpatch-script</c>).</summary>
    public static string CacheFileOf(string mirror, string? cacheDirectory)
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = cacheDirectory ?? Path.Combine(!string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "kpatch-script");
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(mirror))))[..16].ToLowerInvariant();
        return Path.Combine(root, $"vex-index-{key}.tsv");
    }

    /// <summary>Indexes <paramref name="mirror"/>, from the cache where files did not change, and writes the cache back when anything did.</summary>
    /// <exception cref="IOException">The mirror is not a readable directory.</exception>
    public static VexIndex Load(string mirror, string cacheFile)
    {
        mirror = Path.GetFullPath(mirror);
        if (!Directory.Exists(mirror))
        {
            throw new IOException($"the VEX directory {mirror} does not exist or is not a directory");
        }

        var cached = ReadCache(cacheFile, mirror);
        var entries = new List<Entry>();
        var read = 0;
        List<FileInfo> files;
        try
        {
            files = new DirectoryInfo(mirror).EnumerateFiles("*.json", SearchOption.AllDirectories).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the VEX directory {mirror} cannot be listed: {ex.Message}", ex);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        foreach (var file in files)
        {
            var name = OneLine(Path.GetRelativePath(mirror, file.FullName));
            var (size, ticks) = (file.Length, file.LastWriteTimeUtc.Ticks);
            if (cached is not null && cached.TryGetValue(name, out var hit) && hit.Size == size && hit.Ticks == ticks)
            {
                entries.Add(hit);
                continue;
            }

            read++;
            entries.Add(ReadDocument(file.FullName, name, size, ticks));
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
            var record = VexDocument.Read(BoundedFile.ReadBytes(path, MaxDocumentBytes));
            return new Entry(name, size, ticks, Clean(record), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new Entry(name, size, ticks, null, OneLine(ex.Message));
        }
    }

    /// <summary>The cache's fields are tab-separated lines: a value from a document never carries a tab or a line end into it.</summary>
    private static VexRecord Clean(VexRecord record) => record with
    {
        Cve = OneLine(record.Cve),
        Severity = record.Severity is null ? null : OneLine(record.Severity),
        Products = [.. record.Products.Select(p => p with { Name = OneLine(p.Name), Evr = OneLine(p.Evr), Advisory = OneLine(p.Advisory) })],
    };

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
            using var reader = new StreamReader(cacheFile, Encoding.UTF8);
            if (reader.ReadLine() != Header || reader.ReadLine() != "M\t" + mirror)
            {
                return null;
            }

            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            Entry? current = null;
            List<VexProduct>? products = null;
            string? line;
            var ended = false;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line == "E")
                {
                    ended = true;
                    break;
                }

                var f = line.Split('\t');
                switch (f[0])
                {
                    case "F" when f.Length == 7 && f[4] == "ok":
                        Close();
                        products = [];
                        current = new Entry(f[1], long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), new VexRecord(f[5], f[6].Length == 0 ? null : f[6], products), null);
                        break;
                    case "F" when f.Length == 6 && f[4] == "bad":
                        Close();
                        products = null;
                        current = new Entry(f[1], long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), null, f[5]);
                        break;
                    case "P" when f.Length == 6 && products is not null && Enum.TryParse<VexStatus>(f[1], out var status) && Enum.IsDefined(status):
                        products.Add(new VexProduct(status, f[2], int.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5]));
                        break;
                    default:
                        return null;
                }
            }

            Close();
            return ended ? entries : null;

            void Close()
            {
                if (current is not null)
                {
                    entries[current.Name] = current;
                }

                current = null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static void WriteCache(string cacheFile, string mirror, List<Entry> entries)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            AtomicFile.Write(cacheFile, (TextWriter w) =>
            {
                w.Write(Header + "\n");
                w.Write("M\t" + mirror + "\n");
                foreach (var entry in entries)
                {
                    var prefix = string.Create(CultureInfo.InvariantCulture, $"F\t{entry.Name}\t{entry.Size}\t{entry.Ticks}\t");
                    if (entry.Record is not { } record)
                    {
                        w.Write(prefix + "bad\t" + entry.Error + "\n");
                        continue;
                    }

                    w.Write(prefix + "ok\t" + record.Cve + "\t" + record.Severity + "\n");
                    foreach (var p in record.Products)
                    {
                        w.Write(string.Create(CultureInfo.InvariantCulture, $"P\t{p.Status}\t{p.Name}\t{p.Major}\t{p.Evr}\t{p.Advisory}\n"));
                    }
                }

                // The end mark: a cache cut short (a full disk) is not read as a smaller mirror.
                w.Write("E\n");
            });
        }
        catch (IOException)
        {
            // An unwritable cache costs the next run the reading, not this run its answer.
        }
    }

    private sealed record Entry(string Name, long Size, long Ticks, VexRecord? Record, string? Error);
}
