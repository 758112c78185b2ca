using KpatchScript.Detection;

namespace KpatchScript.Core.Tests.Detection;

/// <summary>The lifecycle data file: which row is the running kernel's, and every way a file is refused whole, naming itself and what is wrong.</summary>
public sealed class SupportLifecycleFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-lifecycle-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "lifecycle.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Kernels(string rows) => $$"""{"source": "Red Hat", "date": "2026-11-30", "kernels": [{{rows}}]}""";

    [Fact]
    public void Reads_source_date_and_rows_with_or_without_a_stream()
    {
        var path = Write(Kernels("""{"release": "5.14.0-427.13.1.el9_4", "ends": "2025-04-30", "stream": "EUS"}, {"release": "5.14.0-503.11.1.el9_5", "ends": "2025-10-31", "stream": 5}"""));

        var file = SupportLifecycleFile.Read(path);

        Assert.Equal((path, "Red Hat", "2026-11-30"), (file.Path, file.Source, file.Date));
        Assert.Equal(
            [("5.14.0-427.13.1.el9_4", new DateOnly(2025, 4, 30), "EUS"), ("5.14.0-503.11.1.el9_5", new DateOnly(2025, 10, 31), null)],
            file.Kernels.Select(k => (k.Release, k.Ends, k.Stream)));
    }

    [Fact]
    public void Finds_the_exact_release_first_then_the_release_without_its_architecture()
    {
        var file = new SupportLifecycleFile("f", "s", "d",
        [
            new("5.14.0-427.13.1.el9_4", new DateOnly(2025, 4, 30), "without arch"),
            new("5.14.0-427.13.1.el9_4.x86_64", new DateOnly(2025, 5, 1), "exact"),
            new("5.14.0-427.13.1", new DateOnly(2025, 5, 2), "a prefix, not the release"),
        ]);

        Assert.Equal("exact", file.Find("5.14.0-427.13.1.el9_4.x86_64")?.Stream);
        Assert.Equal("without arch", file.Find("5.14.0-427.13.1.el9_4.aarch64")?.Stream);
        Assert.Null(file.Find("5.14.0-427.13.1.el9_4.x86_64.debug.x"));
        Assert.Null(file.Find("5.14.0-427.13.10"));
        Assert.Null(file.Find("5.14.0-427.13"));
    }

    [Fact]
    public void The_first_row_without_architecture_wins_over_a_later_one()
    {
        var file = new SupportLifecycleFile("f", "s", "d", [new("6.1.0", new DateOnly(2025, 1, 1), "first"), new("6.1.0", new DateOnly(2026, 1, 1), "second")]);

        Assert.Equal("first", file.Find("6.1.0.x86_64")?.Stream);
    }

    [Theory]
    [InlineData("not json", "support window file {0}: ")]
    [InlineData("""{"date": "2026-11-30", "kernels": []}""", "support window file {0}: 'source' must be a non-empty string")]
    [InlineData("""{"source": "", "date": "2026-11-30", "kernels": []}""", "support window file {0}: 'source' must be a non-empty string")]
    [InlineData("""{"source": 1, "date": "2026-11-30", "kernels": []}""", "support window file {0}: 'source' must be a non-empty string")]
    [InlineData("""{"source": "s", "date": "30.11.2026", "kernels": []}""", "support window file {0}: 'date' is '30.11.2026', not yyyy-MM-dd")]
    [InlineData("""{"source": "s", "date": "2026-11-30"}""", "support window file {0}: 'kernels' must be an array of {{\"release\", \"ends\", \"stream\"}}")]
    [InlineData("""{"source": "s", "date": "2026-11-30", "kernels": {}}""", "support window file {0}: 'kernels' must be an array of {{\"release\", \"ends\", \"stream\"}}")]
    [InlineData("""{"source": "s", "date": "2026-11-30", "kernels": [{"release": "r", "ends": "soon"}]}""", "support window file {0}: kernel r: 'ends' is 'soon', not yyyy-MM-dd")]
    [InlineData("""{"source": "s", "date": "2026-11-30", "kernels": ["r"]}""", "support window file {0}: 'release' must be a non-empty string")]
    [InlineData("""["s"]""", "support window file {0}: 'source' must be a non-empty string")]
    public void A_file_that_is_not_lifecycle_data_is_refused_naming_the_file_and_the_fault(string json, string message)
    {
        var path = Write(json);

        var error = Assert.Throws<IOException>(() => SupportLifecycleFile.Read(path));

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path), error.Message, StringComparison.Ordinal);
    }
}
