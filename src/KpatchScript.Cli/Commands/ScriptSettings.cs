using System.Globalization;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Plugins;

namespace KpatchScript.Cli.Commands;

/// <summary>The options of run and eval; everything after <c>--</c> goes to the script's <c>Args</c>.</summary>
internal sealed record ScriptSettings(string Target, bool DryRun, bool NoCache, TimeSpan? Timeout, IReadOnlyList<string> Sources, List<string> ScriptArguments)
{
    public const string OptionsUsage = "[--target TARGET] [--dry-run] [--no-cache] [--timeout SECONDS] [--source DIR|URL]... [--plugins DIR]... [--verbose]";

    public const string Usage = OptionsUsage + " [-- ARGS...]";

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

    private const string TargetOption = "--target";
    private const string TimeoutOption = "--timeout";
    private const string SourceOption = "--source";
    private const string DryRunFlag = "--dry-run";
    private const string NoCacheFlag = "--no-cache";

    // Every option Parse reads, so that run can tell its own options after the script path from
    // the script's words (--verbose and --help are read by CliApp, before any verb).
    private static readonly string[] ValueOptions = [TargetOption, TimeoutOption, SourceOption, CliPlugins.Option];
    private static readonly string[] Flags = [DryRunFlag, NoCacheFlag];

    /// <summary>True for an option of these settings that takes its value in the next argument (<c>--target</c>).</summary>
    public static bool TakesValue(string argument) => Array.IndexOf(ValueOptions, argument) >= 0;

    /// <summary>True for a flag of these settings, or any of their options in the <c>--name=value</c> form.</summary>
    public static bool IsOption(string argument) =>
        Array.IndexOf(Flags, argument) >= 0 || IsWithValue(argument, ValueOptions) || IsWithValue(argument, Flags);

    private static bool IsWithValue(string argument, string[] names)
    {
        foreach (var name in names)
        {
            if (argument.Length > name.Length && argument[name.Length] == '=' && argument.StartsWith(name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

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
        var timeout = reader.Option(TimeoutOption);
        TimeSpan? deadline = null;
        if (timeout is not null)
        {
            deadline = double.TryParse(timeout, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException($"--timeout needs a number of seconds above 0, not '{timeout}'");
        }

        return new ScriptSettings(reader.Option(TargetOption) ?? defaultTarget, reader.Flag(DryRunFlag), reader.Flag(NoCacheFlag), deadline, reader.Options(SourceOption), scriptArguments)
        {
            Plugins = reader.Options(CliPlugins.Option),
        };
    }
}
