using System.Diagnostics;
using System.Globalization;
using CsCheck;
using KpatchScript.Parsing;
using Xunit.Abstractions;

namespace KpatchScript.Core.Tests.Parsing;

/// <summary>
/// Generated version strings and EVRs, ordered by our comparers and by the real rpm (one process
/// for all of them). A fixed seed keeps CI reproducible; KPS_RPM_PAIRS (pairs of each kind,
/// default 4000) and KPS_RPM_SEED (a CsCheck seed, or "random") ask for more or other cases.
/// </summary>
public sealed class RpmOrderPropertyTests(ITestOutputHelper output)
{
    private const int DefaultPairs = 4000;

    // Digit runs (leading zeros, and longer than any integer type), letter runs, and the separators
    // rpm treats specially (~ ^) or skips (. _ +).
    private static readonly Gen<string> Token = Gen.Frequency(
        (4, Gen.Char["0123456789"].Array[1, 4].Select(c => new string(c))),
        (1, Gen.Char["0123456789"].Array[18, 24].Select(c => new string(c))),
        (1, Gen.Char["0123456789"].Array[1, 3].Select(c => "0" + new string(c))),
        (3, Gen.Char["abcxyzABZ"].Array[1, 4].Select(c => new string(c))),
        (3, Gen.Char[".~^_+"].Array[1, 2].Select(c => new string(c))));

    private static readonly Gen<string> Tokens = Token.Array[0, 4].Select(t => string.Concat(t));

    /// <summary>Two strings that often share a prefix, so the comparison reaches deep segments and the ends of strings.</summary>
    private static readonly Gen<(string, string)> Pair = Gen.Select(Tokens, Tokens, Tokens)
        .Select((prefix, a, b) => (prefix + a, prefix + b))
        .Where(p => p.Item1.Length > 0 && p.Item2.Length > 0);

    // No epoch three times in seven; else one of a few, so that equal epochs leave the order to the version.
    private static readonly Gen<string?> Epoch = Gen.Int[0, 6].Select(i => i < 3 ? null : new[] { "0", "1", "10", "007" }[i - 3]);

    private static readonly Gen<(RpmEvr, RpmEvr)> EvrPair = Gen.Select(Epoch, Epoch, Pair, Pair, Gen.Int[0, 9])
        .Select((e1, e2, versions, releases, missing) => (
            new RpmEvr(e1, versions.Item1, missing == 0 ? null : releases.Item1),
            new RpmEvr(e2, versions.Item2, missing == 1 ? null : releases.Item2)));

    [Fact]
    public void Orders_generated_versions_and_evrs_exactly_as_rpm_does()
    {
        var count = Environment.GetEnvironmentVariable("KPS_RPM_PAIRS") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : DefaultPairs;
        var seed = Environment.GetEnvironmentVariable("KPS_RPM_SEED") switch
        {
            "random" => null,
            { Length: > 0 } given => given,
            _ => "0N0XIzNsQ0O2",
        };

        var clock = Stopwatch.StartNew();
        Gen.Select(Pair.Array[count], EvrPair.Array[count]).Sample((versions, evrs) =>
        {
            var mismatches = Mismatches(versions, evrs);
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {2 * count} pairs ordered unlike rpm, first ones:\n{string.Join("\n", mismatches.Take(20))}");
        }, iter: 1, threads: 1, seed: seed, print: p => $"{p.Item1.Length} version pairs and {p.Item2.Length} EVR pairs");

        output.WriteLine($"{2 * count} generated pairs checked against rpm in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static List<string> Mismatches((string, string)[] versions, (RpmEvr, RpmEvr)[] evrs)
    {
        var pairs = versions.Concat(evrs.Select(e => (e.Item1.ToString(), e.Item2.ToString()))).ToList();
        var rpm = RpmOracle.Compare(pairs);
        var ours = versions.Select(v => RpmVersionComparer.Instance.Compare(v.Item1, v.Item2))
            .Concat(evrs.Select(e => e.Item1.CompareTo(e.Item2)))
            .ToList();
        var mismatches = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            var reverse = i < versions.Length ? RpmVersionComparer.Instance.Compare(right, left) : evrs[i - versions.Length].Item2.CompareTo(evrs[i - versions.Length].Item1);
            var parsed = i < versions.Length || (RpmEvr.Parse(left), RpmEvr.Parse(right)) == evrs[i - versions.Length];
            if (ours[i] != rpm[i] || reverse != -rpm[i] || !parsed)
            {
                mismatches.Add($"'{left}' vs '{right}': rpm {rpm[i]}, ours {ours[i]} (reversed {reverse}){(parsed ? "" : ", parsed differently")}");
            }
        }

        return mismatches;
    }
}
