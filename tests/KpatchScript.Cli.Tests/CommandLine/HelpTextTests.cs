using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Tests.CommandLine;

/// <summary>How a table becomes a usage line and the "Arguments:" and "Options:" sections of a help.</summary>
public sealed class HelpTextTests
{
    private static readonly Option Json = new("--json", null, "Print JSON");
    private static readonly Option Timeout = new("--timeout", "SECONDS", "How long to wait\n(default: 60)");
    private static readonly Option Source = new("--source", "DIR|URL", "A package source", Repeatable: true);
    private static readonly Option Acknowledgement = new("--i-understand-this-is-unsupported", null, "Revert anyway");
    private static readonly Option Verbose = new("--verbose", null, "Show the full error") { Global = true };
    private static readonly PositionalArgument Module = new("MODULE.ko", "the path of a .ko file", "The module");

    [Fact]
    public void A_table_makes_the_usage_line_and_the_sections_around_the_prose()
    {
        var table = new OptionTable("load", [Json, Timeout, Source, Acknowledgement, Verbose], Module);

        var help = HelpText.Of(table, "Loads a module.\n", "Exit codes: 0 loaded.\n");

        Assert.Equal("""
            Usage: kpatch-script load MODULE.ko [--json] [--timeout SECONDS] [--source DIR|URL]... [--i-understand-this-is-unsupported] [--verbose]

            Loads a module.

            Arguments:
              MODULE.ko          The module

            Options:
              --json             Print JSON
              --timeout SECONDS  How long to wait
                                 (default: 60)
              --source DIR|URL   A package source; repeatable
              --i-understand-this-is-unsupported
                                 Revert anyway
              --verbose          Show the full error

            Exit codes: 0 loaded.
            """, help);
    }

    [Fact]
    public void Usage_forms_show_their_required_options_bare_and_only_the_options_they_take()
    {
        var fleet = new Option("--fleet", "DIR", "A fleet");
        var table = new OptionTable("report", [Json, Source, fleet, Verbose])
        {
            Forms = [new UsageForm(""), new UsageForm("", Required: [fleet], Only: [Json]), new UsageForm("info NAME", Trailer: "[-- ARGS...]")],
        };

        Assert.Equal(
            [
                "kpatch-script report [--json] [--source DIR|URL]... [--verbose]",
                "kpatch-script report --fleet DIR [--json]",
                "kpatch-script report info NAME [--json] [--source DIR|URL]... [--verbose] [-- ARGS...]",
            ],
            HelpText.UsageLines(table));
    }

    [Fact]
    public void Positional_arguments_after_the_options_close_the_usage_line()
    {
        var words = new PositionalArgument("[WORD...]", "words", "Words") { AfterOptions = true };
        var table = new OptionTable("run", [Json], new PositionalArgument("FILE.csx", "a script file", "The script"), words);

        Assert.Equal(["kpatch-script run FILE.csx [--json] [WORD...]"], HelpText.UsageLines(table));
    }
}
