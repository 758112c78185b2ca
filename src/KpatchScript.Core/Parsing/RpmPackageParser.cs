using KpatchScript.Status;

namespace KpatchScript.Parsing;

/// <summary>One package record of <see cref="RpmQueries.PatchPackages"/>.</summary>
/// <remarks>An epoch of 0 (what rpm prints for none) is kept as null.</remarks>
internal sealed record RpmPackageRecord(string Name, string? Epoch, string Version, string Release, string Arch, IReadOnlyDictionary<string, string> Provides, string Changelog);

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
            // Stryker disable once Equality : at 0 the header is empty and the record is refused before its changelog is used
            var changelog = newline < 0 ? "" : block[(newline + 1)..];
            var fields = header.Split(RpmQueries.FieldSeparator);
            // The header starts with the separator that follows the marker.
            if (fields.Length != 7 || fields[0].Length != 0 || fields[1..6].Any(f => f.Length == 0 || f.Contains(' ', StringComparison.Ordinal)) || !fields[2].All(char.IsAsciiDigit))
            {
                return Unexpected(header);
            }

            var provides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var provide in fields[6].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = provide.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    provides.TryAdd(provide[..equals], provide[(equals + 1)..]);
                }
            }

            records.Add(new RpmPackageRecord(fields[1], RpmEvr.OfPackage(fields[2], fields[3], fields[4]).Epoch, fields[3], fields[4], fields[5], provides, changelog));
        }

        return Reading.Known<IReadOnlyList<RpmPackageRecord>>(records);
    }

    private static Reading<IReadOnlyList<RpmPackageRecord>> Unexpected(string text) =>
        Reading.Unknown<IReadOnlyList<RpmPackageRecord>>($"unexpected rpm output for kpatch-patch packages: '{TextClip.Clip(text)}'");
}
