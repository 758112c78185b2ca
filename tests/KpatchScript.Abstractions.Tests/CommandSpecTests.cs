using KpatchScript.Host;

namespace KpatchScript.Abstractions.Tests;

public sealed class CommandSpecTests
{
    [Fact]
    public void Quotes_arguments_with_spaces_for_display_only()
    {
        var spec = CommandSpec.Query("dnf", "install", "kpatch-patch = 5.14.0-284.11.1.el9_2.x86_64");

        Assert.Equal("dnf install 'kpatch-patch = 5.14.0-284.11.1.el9_2.x86_64'", spec.ToString());
        Assert.Equal(3, spec.Arguments.Count);
        Assert.False(spec.Mutates);
    }

    [Fact]
    public void Escapes_single_quotes_when_displaying()
    {
        Assert.Equal("echo 'it'\\''s'", CommandSpec.Query("echo", "it's").ToString());
    }

    [Fact]
    public void Names_the_first_line_of_an_error()
    {
        var result = new CommandResult(1, "", "\n  error: no such package  \nmore");

        Assert.Equal("error: no such package", result.FirstErrorLine);
        Assert.Equal("exit code 3", new CommandResult(3, "", "").FirstErrorLine);
    }
}
