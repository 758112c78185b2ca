using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>
/// The options of <c>kpatch-script run FILE.csx</c> (and of the <c>#!</c> form). Its table also
/// tells <see cref="RunArguments"/> which words after the script path are kpatch-script's.
/// </summary>
/// <param name="File">The script.</param>
/// <param name="Script">The options run shares with eval.</param>
/// <param name="ScriptArguments">The script's Args: its words, then everything after "--".</param>
/// <param name="Interactive">-i, --interactive: the REPL follows, with the script's state.</param>
internal sealed record RunSettings(string File, ScriptOptionGroup Script, List<string> ScriptArguments, bool Interactive) : IVerbSettings
{
    public const string Verb = "run";

    public static readonly PositionalArgument FileArgument = new("FILE.csx", "a script file (FILE.csx)", "The script to run");

    public static readonly PositionalArgument Words = new("[WORD...]", "words for the script", "Words that are not options ('out.html', '-', '-1'): the script's, in order") { AfterOptions = true };

    public static readonly Option InteractiveOption = new("--interactive", null, "Run the script, then continue in the REPL with its variables (as\ndotnet-script -i); --timeout and the cache do not apply") { Alias = "-i" };

    public static readonly OptionTable Table = new(Verb, [.. ScriptOptionGroup.Options, InteractiveOption], FileArgument, Words, ScriptOptionGroup.ScriptArguments)
    {
        EndsAtSeparator = true,
    };

    /// <summary>Reads the command line <see cref="RunArguments"/> split: the options and the file; the script's arguments are the reader's rest.</summary>
    public static RunSettings Parse(ArgumentReader reader, string defaultTarget)
    {
        var script = ScriptOptionGroup.Parse(reader, defaultTarget);
        var interactive = reader.Flag(InteractiveOption);
        return new(reader.Argument(FileArgument), script, reader.Rest, interactive);
    }

    public void Validate() => Script.Validate();
}
