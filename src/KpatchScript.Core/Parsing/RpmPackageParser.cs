using KpatchScript.Status;

namespace KpatchScript.Parsing;

/// <summary>One package record of <see cref="RpmQueries.PatchPackages"/>.</summary>
internal sealed record RpmPackageRecord(string Name, string Version, string Release, string Arch, IReadOnlyDictionary<string, string> Provides, string Changelog);

/// <summary>Reads the output of <see cref="RpmQueries.PatchPackages"/>.</summary>
internal static class RpmPackageParser
{
    public static Reading<IReadOnlyList<RpmPackageRecord>> Parse(string output)
    {
        var records = new List<RpmPackageRecord>();
        var blocks = output.Split(RpmQueries.PackageMarker);
        if (blocks[0].Trim().Length > 0)
        {
            return Unexpected(blocks[0]);
        }

        foreach (var block in blocks.Skip(1))
        {
            var newline = block.IndexOf('\n', StringComparison.Ordinal);
            var header = newline < 0 ? block : block[..newline];
            var changelog = newline < 0 ? "" : block[(newline + 1)..];
            var fields = header.Split(RpmQueries.FieldSeparator);
            // The header starts with the separator that follows the marker.
            if (fields.Length != 6 || fields[0].Length != 0 || fields[1..5].Any(f => f.Length == 0 || f.Contains(' ', StringComparison.Ordinal)))
            {
                return Unexpected(header);
            }

            var provides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var provide in fields[5].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = provide.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    provides.TryAdd(provide[..equals], provide[(equals + 1)..]);
                }
            }

            records.Add(new RpmPackageRecord(fields[1], fields[2], fields[3], fields[4], provides, changelog));
        }

        return Reading.Known<IReadOnlyList<RpmPackageRecord>>(records);
    }

    private static Reading<IReadOnlyList<RpmPackageRecord>> Unexpected(string text) =>
        Reading.Unknown<IReadOnlyList<RpmPackageRecord>>($"unexpected rpm output for kpatch-patch packages: '{TextClip.Clip(text)}'");
}
