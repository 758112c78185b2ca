using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Commands;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests.CommandLine;

/// <summary>
/// Issue 18: each verb has one option table, and its usage, its "Options:" section and its parser
/// all come from it. For every verb, every row is documented and accepted, and every other option
/// (the other verbs' included) is refused with exit 2 and one line naming it.
/// </summary>
public sealed class OptionTableTests
{
    public static TheoryData<string> Verbs() => new(CliApp.Commands.Select(c => c.Name));

    [Fact]
    public void There_are_25_verbs_each_named_as_its_table()
    {
        Assert.Equal(
            ["status", "verify", "install", "update", "remove", "downgrade", "available", "exposure", "auto-update", "load", "unload", "info", "journal", "report", "alerts", "run", "repl", "workflows", "eval", "check", "publish", "exec", "new", "init", "plugins"],
            CliApp.Commands.Select(c => c.Options.Command));
        Assert.All(CliApp.Commands, c => Assert.Equal(c.Name, c.Options.Command));
    }

    [Fact]
    public void Each_verb_has_a_settings_type_of_its_own()
    {
        var settings = CliApp.Commands.Select(c => c.Parse(WordsOf(c.Name), Environment()).GetType().Name);

        Assert.Equal(CliApp.Commands.Select(c => string.Concat(c.Name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Settings"), settings);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_row_of_a_verbs_table_is_in_its_usage_and_its_help(string verb)
    {
        var command = Command(verb);
        var help = CliRunner.Run(verb, "--help");
        var usage = help.Out[..help.Out.IndexOf("\n\n", StringComparison.Ordinal)];
        var sections = help.Out[help.Out.IndexOf("\nOptions:\n", StringComparison.Ordinal)..];

        Assert.Equal((0, ""), (help.ExitCode, help.Error));
        Assert.StartsWith($"Usage: kpatch-script {verb}", usage, StringComparison.Ordinal);
        Assert.All(command.Options.Options, o => Assert.Contains(o.Label, usage, StringComparison.Ordinal));
        Assert.All(command.Options.Options, o => Assert.Contains($"\n  {o.Label}", sections, StringComparison.Ordinal));
        // A choice of words (list|info) may be spelt out over several usage lines, one word each.
        Assert.All(command.Options.Arguments.SelectMany(a => a.Name.Split('|')), word => Assert.Contains(word, usage, StringComparison.Ordinal));
        Assert.All(command.Options.Arguments, a => Assert.Contains($"\n  {a.Name} ", help.Out, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_option_of_a_verbs_table_is_accepted_by_its_parser(string verb)
    {
        var command = Command(verb);
        var directory = SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);

        foreach (var option in command.Options.Options.Where(o => !o.Global))
        {
            // An option that is a form of its own (load --all) replaces the verb's positional word instead of joining it.
            var forms = command.Options.Forms ?? [];
            var ownForm = forms.Any(f => f.Words.Length == 0 && (f.Required ?? []).Contains(option)) && !forms.Any(f => f.Words.Length > 0 && (f.Required ?? []).Contains(option));
            string[] line = [.. ownForm ? [] : WordsOf(verb), .. Occurrence(option, directory)];
            var exception = Record.Exception(() => command.Parse(line, Environment()));

            Assert.True(exception is null, $"{verb} {string.Join(' ', line)}: {exception?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void A_global_option_of_a_verbs_table_is_taken_before_the_verb_reads_its_own(string verb)
    {
        var global = Command(verb).Options.Options.Single(o => o.Global);

        var outcome = CliRunner.Run([verb, .. WordsOf(verb), global.Name, "--no-such-option"]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'--no-such-option'", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void An_option_not_in_a_verbs_table_is_refused_with_exit_2_and_one_line_naming_it(string verb)
    {
        var own = Command(verb).Options.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var others = CliApp.Commands.SelectMany(c => c.Options.Options).Where(o => !own.Contains(o.Name)).DistinctBy(o => o.Name)
            .Append(new Option("--no-such-option", null, "")).Append(new Option("--no-such-value", "X", ""));

        foreach (var option in others)
        {
            var outcome = CliRunner.Run([verb, .. WordsOf(verb), .. Occurrence(option, "/tmp")]);

            Assert.Equal((2, ""), (outcome.ExitCode, outcome.Out));
            Assert.Matches($"^kpatch-script: error: [^\n]*'{option.Name}'[^\n]*\n$", outcome.Error);
        }
    }

    [Fact]
    public void The_usage_lines_in_the_readmes_are_the_generated_ones()
    {
        var readmes = string.Join("\n", new[] { "src/KpatchScript.Cli/README.md", "src/KpatchScript.Scripting/README.md", "plugins/README.md" }
            .Select(f => File.ReadAllText(RepositoryPaths.Combine(f.Split('/')))));
        var lines = readmes.Split('\n').Select(l => l.Split("   #")[0].TrimEnd()).ToHashSet(StringComparer.Ordinal);

        var missing = CliApp.Commands.SelectMany(c => HelpText.UsageLines(c.Options)).Where(u => !lines.Contains(u)).ToList();

        Assert.True(missing.Count == 0, "not in a README as generated:\n" + string.Join("\n", missing));
    }

    private static ICliCommand Command(string verb) => CliApp.Commands.Single(c => c.Name == verb);

    /// <summary>The words a verb needs before its options can be read alone: its first positional argument as usage names it (the first of a choice).</summary>
    private static string[] WordsOf(string verb) =>
        [.. Command(verb).Options.Arguments.Where(a => !a.AfterOptions).Take(1).Select(a => a.Name.Split('|')[0])];

    /// <summary>The option as typed, with a value that its parser and its rules take.</summary>
    private static string[] Occurrence(Option option, string directory) => option.Value switch
    {
        null => [option.Name],
        "SECONDS" => [option.Name, "5"],
        "N" => [option.Name, "3"],
        "TARGET" => [option.Name, "local"],
        "FORMAT" => [option.Name, "json"],
        "FILE" => [option.Name, "out.json"],
        "RELEASE" => [option.Name, "5.14.0-427.13.1.el9_4.x86_64"],
        "VERSION-RELEASE" => [option.Name, "1-2.el9_2"],
        "CVE-YYYY-NNNN" => [option.Name, "CVE-2024-1086"],
        { } words when words.Contains('|', StringComparison.Ordinal) => [option.Name, words.Split('|')[0]], // a choice of words: its first
        _ => [option.Name, directory],
    };

    private static CliEnvironment Environment() =>
        new(new StringWriter(), new StringWriter(), Testing.Fakes.FixedTimeProvider.Default, HostSystems.Open, IsInteractive: false);
}
