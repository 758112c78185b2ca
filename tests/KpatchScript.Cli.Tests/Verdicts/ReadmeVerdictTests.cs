using System.Text.RegularExpressions;
using KpatchScript.TestFixtures;
using KpatchScript.Verdicts;

namespace KpatchScript.Cli.Tests.Verdicts;

/// <summary>The CLI's README (src/KpatchScript.Cli/README.md) states the verdict rules: its table is the code's table, row for row.</summary>
public sealed partial class ReadmeVerdictTests
{
    [Fact]
    public void The_readme_table_lists_every_reason_code_with_its_level_in_the_codes_order()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "KpatchScript.Cli", "README.md"));
        var section = readme[readme.IndexOf("### The verdict: covered, action needed, not covered", StringComparison.Ordinal)..];

        var rows = TableRow().Matches(section).Select(m => (m.Groups["code"].Value, m.Groups["level"].Value, m.Groups["when"].Value)).ToList();

        Assert.Equal(ReasonCodes.All.Select(e => (e.Code, VerdictWords.Of(e.Level), e.When)), rows);
    }

    [Fact]
    public void Every_code_the_table_names_is_a_valid_downgrade_key_and_a_typo_is_not()
    {
        Assert.All(ReasonCodes.All.Select(e => e.Code.Replace(":<check>", "", StringComparison.Ordinal)), code => Assert.True(ReasonCodes.IsKnownKey(code), code));
        Assert.True(ReasonCodes.IsKnownKey("check-failed:module-vermagic"));
        Assert.False(ReasonCodes.IsKnownKey("check-failed:"));
        Assert.False(ReasonCodes.IsKnownKey("livepatch-unsuported"));
    }

    [GeneratedRegex(@"^\| `(?<code>[a-z<>:-]+)` \| (?<level>not covered|action needed|note) \| (?<when>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
