namespace KpatchScript.Plugins.Prometheus.Tests;

/// <summary>The parser the metrics tests rely on rejects what Prometheus rejects.</summary>
public sealed class ExpositionParserTests
{
    private const string Header = "# HELP m A metric.\n# TYPE m gauge\n";

    [Theory]
    [InlineData(Header + "m 1", "the last line does not end with a newline")]
    [InlineData(Header + "m{a=\"b} 1\n", "unterminated label value")]
    [InlineData(Header + "m{a=\"b\\x\"} 1\n", "bad escape \\x")]
    [InlineData(Header + "m{a=\"1\",a=\"2\"} 1\n", "label a twice")]
    [InlineData(Header + "m{1a=\"b\"} 1\n", "bad label name '1a'")]
    [InlineData(Header + "m one\n", "'one' is not a number")]
    [InlineData(Header + "m 1\nm 2\n", "repeated series m{}")]
    [InlineData(Header + "m 1\n# HELP n N.\n# TYPE n gauge\nn 1\nm{a=\"b\"} 2\n", "the lines of m are not together")]
    [InlineData("# HELP m A.\nm 1\n# TYPE m gauge\n", "TYPE for m after its samples")]
    [InlineData("# TYPE m gauge\nm 1\n", "m has no HELP or no TYPE line")]
    [InlineData("# HELP 9m A.\n", "bad metric name '9m'")]
    [InlineData("# HELP m A.\n# TYPE m histogramm\n", "bad TYPE line for m")]
    public void It_rejects_what_prometheus_rejects(string text, string error) =>
        Assert.Contains(error, Assert.Throws<FormatException>(() => ExpositionParser.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void It_reads_values_labels_and_escapes()
    {
        var exposition = ExpositionParser.Parse(Header + "m{a=\"x\\\\y\\\"z\\nw\",b=\"\"} -1.5e3 1700000000000\nm +Inf\n");

        Assert.Equal(-1500, exposition.Value("m", ("a", "x\\y\"z\nw"), ("b", "")));
        Assert.Equal(double.PositiveInfinity, exposition.Value("m"));
        Assert.Equal(("A metric.", "gauge"), (exposition.Help["m"], exposition.Types["m"]));
    }
}
