using KpatchScript.Parsing;

namespace KpatchScript.Core.Tests.Parsing;

/// <summary>The edges of the small parsers that the status stands on: each rule stated once, with the input that would catch it bending.</summary>
public sealed class ParserBoundaryTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("No", false)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("", null)]
    [InlineData("2", null)]
    [InlineData("enabled", null)]
    public void Reads_every_configparser_boolean_word_and_nothing_else(string value, bool? expected)
    {
        Assert.Equal(expected, IniParser.ToBoolean(value));
    }

    [Fact]
    public void Reads_module_fields_only_at_the_start_of_a_modinfo_string()
    {
        var info = ModuleInfo.Read("\0srcname=other\0vermagic=5.14.0-1.el9.x86_64 SMP \0name=kpatch_x\0xlivepatch=Y\0");

        Assert.Equal("kpatch_x", info.Name);
        Assert.Equal("5.14.0-1.el9.x86_64", info.KernelRelease);
        Assert.False(info.Livepatch);
        Assert.False(info.Signed);
    }

    [Fact]
    public void A_name_only_inside_another_field_is_no_name()
    {
        var info = ModuleInfo.Read("\0srcversion=ABC\0srcname=kpatch_other\0vermagic=5.14.0-1.el9.x86_64 \0");

        Assert.Null(info.Name);
    }

    [Theory]
    [InlineData("\0livepatch=Y\0name=a\0vermagic=r \0~Module signature appended~\n", true, true, "a")]
    [InlineData("\0livepatch=N\0name=a\0vermagic=r \0", false, false, "a")]
    [InlineData("\0livepatch=Y\0name=   \0vermagic=r \0~Module signature appended~", true, false, null)]
    [InlineData("\0vermagic=r\0name=last-without-nul", false, false, "last-without-nul")]
    public void Reads_the_livepatch_flag_the_signature_marker_and_blank_values(string text, bool livepatch, bool hasSignature, string? name)
    {
        var info = ModuleInfo.Read(text);

        Assert.Equal((livepatch, hasSignature, name), (info.Livepatch, info.Signed, info.Name));
    }

    [Fact]
    public void Without_vermagic_a_file_has_no_release_and_no_fields()
    {
        var info = ModuleInfo.Read("\0name=x\0");

        Assert.Null(info.Vermagic);
        Assert.Null(info.KernelRelease);
        Assert.Empty(ModuleInfo.Fields("\0name=x\0"));
    }

    [Fact]
    public void Fields_are_the_section_around_vermagic_with_padding_and_stop_at_the_first_non_field()
    {
        var text = "ELF\u0001junk\0license=GPL\0\0\0name=kpatch_x\0vermagic=5.14.0 SMP \0\0livepatch=Y\0.symtab\0srcname=not-modinfo\0";

        var fields = ModuleInfo.Fields(text);

        Assert.Equal(["license=GPL", "name=kpatch_x", "vermagic=5.14.0 SMP ", "livepatch=Y"], fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Theory]
    [InlineData("\0vermagic=5.14.0\0", "vermagic=5.14.0")]
    [InlineData("\0Name=x\0vermagic=5.14.0\0", "vermagic=5.14.0")]
    [InlineData("\0=x\0vermagic=5.14.0\0", "vermagic=5.14.0")]
    [InlineData("\0vermagic=5.14.0\0description=a=b\0", "vermagic=5.14.0|description=a=b")]
    [InlineData("\0vermagic=5.14.0\0key_2=v\0bad-key=v\0after=v\0", "vermagic=5.14.0|key_2=v")]
    [InlineData("\0vermagic=5.14.0", "vermagic=5.14.0")]
    [InlineData("\0vermagic=5.14.0\0z09_=v\0", "vermagic=5.14.0|z09_=v")] // both ends of each range
    public void A_field_key_is_lower_case_letters_digits_and_underscores_before_an_equals_sign(string text, string expected)
    {
        Assert.Equal(expected, string.Join("|", ModuleInfo.Fields(text).Select(f => $"{f.Key}={f.Value}")));
    }

    [Theory]
    [InlineData("one line", "one line")]
    [InlineData("  two\nlines\r\nthree  ", "two lines three")]
    [InlineData("0123456789012345678901234567890123456789", "0123456789012345678901234567890123456789")]
    [InlineData("01234567890123456789012345678901234567890", "0123456789012345678901234567890123456789...")]
    public void Quotes_untrusted_text_on_one_line_of_at_most_40_characters(string text, string expected)
    {
        Assert.Equal(expected, TextClip.Clip(text));
    }
}
