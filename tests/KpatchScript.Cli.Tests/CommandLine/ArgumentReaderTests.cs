using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Tests.CommandLine;

/// <summary>The reader takes only what its verb's table has: nothing is parsed that is not documented.</summary>
public sealed class ArgumentReaderTests
{
    private static readonly Option Json = new("--json", null, "Print JSON");
    private static readonly Option Source = new("--source", "DIR", "A source", Repeatable: true);
    private static readonly Option Limit = new("--limit", "N", "How many");
    private static readonly PositionalArgument Name = new("NAME", "a name", "The name");
    private static readonly OptionTable Table = new("demo", [Json, Source, Limit], Name) { EndsAtSeparator = true };

    [Fact]
    public void Reads_flags_values_repeated_values_an_argument_and_what_follows_the_separator()
    {
        var reader = new ArgumentReader(["--source", "a", "x", "--limit=3", "--json", "--source=b", "--limit", "4", "--", "--json", "y"], Table);

        Assert.Equal((true, "4"), (reader.Flag(Json), reader.Value(Limit)));
        Assert.Equal(["a", "b"], reader.Values(Source));
        Assert.Equal("x", reader.Argument(Name));
        Assert.Equal(["--json", "y"], reader.Rest);
        reader.EnsureConsumed();
    }

    [Fact]
    public void Reading_an_option_its_table_does_not_have_is_a_bug_not_a_usage_error()
    {
        var reader = new ArgumentReader(["--other"], Table);

        var exception = Assert.Throws<InvalidOperationException>(() => reader.Flag(new Option("--other", null, "")));

        Assert.Equal("'demo' reads --other as a flag, which its option table does not have", exception.Message);
    }

    [Fact]
    public void Reading_a_row_as_another_kind_than_its_table_says_is_a_bug()
    {
        var reader = new ArgumentReader(["--limit", "3"], Table);

        Assert.Throws<InvalidOperationException>(() => reader.Values(Limit));
        Assert.Throws<InvalidOperationException>(() => reader.Flag(Limit with { Value = null }));
        Assert.Throws<InvalidOperationException>(() => reader.Argument(new PositionalArgument("OTHER", "other", "")));
    }

    [Fact]
    public void Without_a_separator_in_the_table_a_double_dash_is_left_over_and_refused()
    {
        var reader = new ArgumentReader(["--", "x"], new OptionTable("status", [Json]));

        var exception = Assert.Throws<UsageException>(reader.EnsureConsumed);

        Assert.Equal("unknown option '--' for 'status'; see 'kpatch-script status --help'", exception.Message);
    }
}
