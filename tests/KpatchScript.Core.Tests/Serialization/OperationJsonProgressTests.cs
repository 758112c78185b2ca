using System.Text.Json;
using KpatchScript.Serialization;

namespace KpatchScript.Core.Tests.Serialization;

/// <summary>The progress lines of --json --progress: one line each, whatever the text, and what System.Text.Json writes.</summary>
public sealed class OperationJsonProgressTests
{
    [Theory]
    [InlineData("Complete!")]
    [InlineData("  Installing       : kpatch-patch-5_14_0-284_11_1-1-3.el9_2.x86_64          1/1 ")]
    [InlineData("two\nlines\r\nand a CR\r")]
    [InlineData("\u001b]0;OWNED\u0007\u001b[2J \u202eevil \u2028 \"quoted\" back\\slash \u0000 é")]
    public void A_progress_line_is_one_line_of_compact_json_with_the_text_as_it_is(string text)
    {
        var line = OperationJson.Progress(text);

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.StartsWith("{\"progress\":\"", line, StringComparison.Ordinal);
        Assert.Equal("{\"progress\":" + JsonSerializer.Serialize(text, JsonConvention.Compact) + "}", line);
        Assert.Equal(text, JsonDocument.Parse(line).RootElement.GetProperty("progress").GetString());
    }
}
