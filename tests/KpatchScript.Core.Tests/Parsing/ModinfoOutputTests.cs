using KpatchScript.Parsing;

namespace KpatchScript.Core.Tests.Parsing;

/// <summary>The signature lines of kmod's modinfo: read once each, and unknown when the module's own .modinfo shows one too.</summary>
public sealed class ModinfoOutputTests
{
    // kmod 30's modinfo of a module built with gcc whose .modinfo holds "signer=Forged by description", signed with
    // openssl cms as the kernel's sign-file signs (the hex signature shortened): the module's own strings come first.
    private const string ForgedSigner = """
        filename:       /tmp/modexp/./s.ko
        signer:         Forged by description
        vermagic:       6.1.0 SMP 
        name:           m
        sig_id:         PKCS#7
        signer:         Real signer
        sig_key:        02:45:84:19:D1:73:D2:75:E9:7B:9B:AC:CF:6C:88:F4:45:40:18:FA
        sig_hashalgo:   sha256
        signature:      5F:56:25:ED:9F:D8:E0:BE:72:24:BE:A9:7E:2D:02:97:E8:8D:C0:B2:
        		0C:67:A6:C2:57:0E:6E:06:1B:00:1E:A5:52:F3:50:A1:5A:E9:E8:8D

        """;

    [Fact]
    public void A_signer_line_of_the_modules_own_modinfo_makes_the_signer_unknown_not_the_first_or_the_last()
    {
        var lines = ModinfoOutput.Parse(ForgedSigner);

        Assert.False(lines.IsKnown);
        Assert.Equal("modinfo shows signer twice: the module's own .modinfo names one too, so which is its signature's is unknown", lines.UnknownReason);
    }

    [Theory]
    [InlineData("sig_key:        AA\nsig_key:        BB\n", "sig_key")]
    [InlineData("sig_hashalgo:   sha256\nsig_hashalgo:   md5\n", "sig_hashalgo")]
    public void Every_signature_line_shown_twice_is_unknown(string output, string key)
    {
        Assert.StartsWith($"modinfo shows {key} twice", ModinfoOutput.Parse(output).UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_lines_lines_without_a_key_and_the_hex_continuation_lines_are_skipped()
    {
        var output = "\nno colon here\n: starts with a colon\n\tsigner: indented\nsigner:  Real signer  \nsig_key: AA:BB\n\t\tsigner: CC:DD\nsig_hashalgo:\tsha512\n\n";

        Assert.Equal(new ModinfoOutput.SignatureLines("Real signer", "AA:BB", "sha512"), ModinfoOutput.Parse(output).Value);
    }

    [Fact]
    public void An_empty_signature_line_is_no_value()
    {
        // kmod prints "signer:" with nothing after it when the PKCS#7 blob names no signer it can show.
        Assert.Equal(new ModinfoOutput.SignatureLines(null, null, null), ModinfoOutput.Parse("sig_id:         PKCS#7\nsigner:         \nsig_key:\nsig_hashalgo:   \n").Value);
    }

    [Fact]
    public void An_unsigned_modules_modinfo_has_no_signature_lines()
    {
        Assert.Equal(new ModinfoOutput.SignatureLines(null, null, null), ModinfoOutput.Parse("filename:       /x.ko\nname:           x\nvermagic:       6.1.0 SMP \n").Value);
    }
}
