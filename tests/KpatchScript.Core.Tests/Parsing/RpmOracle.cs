using System.Globalization;
using KpatchScript.TestFixtures;

namespace KpatchScript.Core.Tests.Parsing;

/// <summary>
/// The real rpm as the judge of version order: one <c>rpm --eval</c> process runs a Lua loop over
/// every pair (Debian 12's rpm 4.18 has <c>rpm.vercmp</c>, which parses <c>[epoch:]version[-release]</c>
/// and compares like librpm's rpmverCmp; a string without ':' or '-' is a bare version, compared with
/// rpmvercmp). Thousands of pairs take one process, not thousands.
/// </summary>
internal static class RpmOracle
{
    /// <summary>rpm's answer (-1, 0 or 1) for each pair, in order. Strings must be non-empty and hold no tab or newline.</summary>
    public static IReadOnlyList<int> Compare(IReadOnlyList<(string Left, string Right)> pairs)
    {
        var work = Directory.CreateTempSubdirectory("kps-rpm-vercmp-").FullName;
        try
        {
            var input = Path.Combine(work, "pairs.tsv");
            File.WriteAllLines(input, pairs.Select(p => p.Left + "\t" + p.Right));
            var script = Path.Combine(work, "vercmp.lua");
            // The paths come from CreateTempSubdirectory: no quote or backslash to escape in a Lua string.
            File.WriteAllText(script, $$"""
                local out = {}
                for line in io.lines("{{input}}") do
                  local left, right = line:match("^([^\t]+)\t([^\t]+)$")
                  out[#out + 1] = tostring(rpm.vercmp(left, right))
                end
                -- rpm's print adds no newline of its own: one string, one line per pair.
                print(table.concat(out, "\n"))
                """);
            var output = ProcessHelper.Run("rpm", "--eval", $"%{{lua: dofile(\"{script}\")}}");
            var answers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
            return answers.Count == pairs.Count
                ? answers
                : throw new InvalidOperationException($"rpm answered {answers.Count} of {pairs.Count} pairs: {output[..Math.Min(output.Length, 300)]}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
