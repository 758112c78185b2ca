using System.Globalization;
using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Commands;

/// <summary>The options of run and eval; everything after <c>--</c> goes to the script's <c>Args</c>.</summary>
internal sealed record ScriptSettings(string Target, bool DryRun, bool NoCache, TimeSpan? Timeout, IReadOnlyList<string> Sources, List<string> ScriptArguments)
{
    public const string Usage = "[--target TARGET] [--dry-run] [--no-cache] [--timeout SECONDS] [--source DIR|URL]... [--plugins DIR]... [--verbose] [-- ARGS...]";

    /// <summary>The values of --plugins: plugin directories whose plugins' public types the script can call.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    public const string OptionsHelp = """
          --target TARGET     What Kpatch.Connect() connects to: local (default; or the configured target), sysroot:DIR, ssh://user@host[:port]
          --dry-run           Every facade call that would change the host prints its plan and changes nothing
          --no-cache          Compile again, and do not store the result
          --timeout SECONDS   Cancel Kpatch.Cancellation after SECONDS; a script that does not stop within
                              2 s more is abandoned (exit 124)
          --source DIR|URL    A NuGet source for #r "nuget: ..." (folder feed or v3 URL), tried first; repeatable
          --plugins DIR       A plugin directory, searched before the configured ones; repeatable. The
                              plugins' public types are referenced by the script, and their checks run in VerifyAsync
          --verbose           Full stack traces of script exceptions
          -- ARGS...          Arguments for the script (Args)
        """;

    /// <summary>Splits at <c>--</c>: the options before, the script's arguments after.</summary>
    public static (List<string> Options, List<string> ScriptArguments) Split(IReadOnlyList<string> arguments)
    {
        var options = new List<string>(arguments.Count);
        var scriptArguments = new List<string>();
        var separated = false;
        foreach (var argument in arguments)
        {
            if (!separated && argument == "--")
            {
                separated = true;
            }
            else
            {
                (separated ? scriptArguments : options).Add(argument);
            }
        }

        return (options, scriptArguments);
    }

    public static ScriptSettings Parse(ArgumentReader reader, List<string> scriptArguments, string defaultTarget)
    {
        var timeout = reader.Option("--timeout");
        TimeSpan? deadline = null;
        if (timeout is not null)
        {
            deadline = double.TryParse(timeout, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException($"--timeout needs a number of seconds above 0, not '{timeout}'");
        }

        return new ScriptSettings(reader.Option("--target") ?? defaultTarget, reader.Flag("--dry-run"), reader.Flag("--no-cache"), deadline, reader.Options("--source"), scriptArguments)
        {
            Plugins = reader.Options(KpatchScript.Cli.Plugins.CliPlugins.Option),
        };
    }
}
