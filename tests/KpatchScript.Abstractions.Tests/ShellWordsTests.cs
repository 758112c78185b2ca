using System.Diagnostics;
using KpatchScript.Host;

namespace KpatchScript.Abstractions.Tests;

/// <summary>The one POSIX quoting (ssh's remote command line, commands shown to people): a real sh reads back every word as it was.</summary>
public sealed class ShellWordsTests
{
    private static readonly string[] Hostile =
    [
        "", "plain", "it's", "''", "a b", "$(touch /tmp/kps-pwned)", "`id`", "$HOME", "\"quoted\"", "back\\slash",
        "line\nbreak", "tab\there", "*", "~root", "-n", "; rm -rf /", "kpatch-patch = 5.14.0-284.11.1.el9_2.x86_64", "héllo wörld",
    ];

    [Fact]
    public void A_real_sh_reads_every_quoted_word_back_as_it_was()
    {
        foreach (var quote in new Func<string, string>[] { ShellWords.Quote, ShellWords.QuoteIfNeeded })
        {
            // One sh for all words: printf writes each between NUL bytes, as sh received it.
            var script = "printf '%s\\0'" + string.Concat(Hostile.Select(w => " " + quote(w)));
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            using var sh = Process.Start(start)!;
            var output = sh.StandardOutput.ReadToEnd();
            sh.WaitForExit();

            Assert.Equal(0, sh.ExitCode);
            Assert.Equal(Hostile, output.Split('\0')[..^1]);
        }
    }

    [Fact]
    public void Only_words_sh_would_change_are_quoted_for_people()
    {
        Assert.Equal("kpatch-5_14_0-284_11_1-1-1.ko", ShellWords.QuoteIfNeeded("kpatch-5_14_0-284_11_1-1-1.ko"));
        Assert.Equal("--root=/tmp/x,y+z@1%", ShellWords.QuoteIfNeeded("--root=/tmp/x,y+z@1%"));
        Assert.Equal("''", ShellWords.QuoteIfNeeded(""));
        Assert.Equal("'a b'", ShellWords.QuoteIfNeeded("a b"));
        Assert.Equal("'it'\\''s'", ShellWords.Quote("it's"));
    }
}
