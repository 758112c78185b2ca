using System.Text.Json;
using KpatchScript.Serialization;
using KpatchScript.TestFixtures;

namespace KpatchScript.Core.Tests.Serialization;

/// <summary>Reading a collected status document (fleet reports): a reading's value is read in place, so its errors point into the document.</summary>
public sealed class StatusJsonReadTests
{
    private static readonly string Document = File.ReadAllText(RepositoryPaths.Combine("tests", "KpatchScript.Core.Tests", "Golden", "status", "rhel9-covered.json"));

    [Theory]
    // A wrong value inside a reading's object (support_window is a Reading<SupportWindow>), and a reading's own value of the wrong type.
    [InlineData("\"days_left\": 272", "\"days_left\": \"272\"", "$.kernel.support_window")]
    [InlineData("\"running\": \"5.14.0-570.12.1.el9_6.x86_64\"", "\"running\": 5", "$.kernel.running")]
    public void A_wrong_value_in_a_reading_names_its_line_in_the_document_and_the_reading(string from, string to, string path)
    {
        Assert.Contains(from, Document, StringComparison.Ordinal);
        var broken = Document.Replace(from, to, StringComparison.Ordinal);
        var line = broken[..broken.IndexOf(to, StringComparison.Ordinal)].Count(c => c == '\n');

        var error = Assert.Throws<JsonException>(() => StatusJson.Deserialize(broken));

        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.LineNumber);
    }

    [Fact]
    public void Known_and_unknown_readings_read_back_as_they_were_written()
    {
        var status = StatusJson.Deserialize(Document)!;

        Assert.Equal(272, status.Kernel.SupportWindow.Value!.DaysLeft);
        Assert.False(status.Coverage.Updates.IsKnown);
        Assert.StartsWith("not checked: ", status.Coverage.Updates.UnknownReason, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(Document);
        var verdict = VerdictJson.Read(document.RootElement.GetProperty("verdict"));
        Assert.Equal(Document.TrimEnd(), StatusJson.Serialize(status, verdict).TrimEnd());
    }
}
