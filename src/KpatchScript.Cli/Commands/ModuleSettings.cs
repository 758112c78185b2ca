using System.Globalization;
using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Commands;

/// <summary>The options shared by load and unload.</summary>
internal sealed record ModuleSettings(bool Json, bool DryRun, string Target, TimeSpan? Timeout)
{
    public const string Usage = "[--json] [--dry-run] [--target TARGET] [--timeout SECONDS] [--verbose]";

    public const string OptionsHelp = """
          --json              Print the result as JSON
          --dry-run           Print the steps, change nothing
          --target TARGET     local (default) or ssh://user@host[:port]; sysroot:DIR is read-only
          --timeout SECONDS   How long to wait for the transition (default: transition_timeout_seconds, 60)
          --verbose           Show the full error when something fails
        """;

    public static ModuleSettings Parse(ArgumentReader reader)
    {
        var timeout = reader.Option("--timeout");
        TimeSpan? wait = null;
        if (timeout is not null)
        {
            wait = int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException($"--timeout needs a whole number of seconds above 0, not '{timeout}'");
        }

        return new ModuleSettings(reader.Flag("--json"), reader.Flag("--dry-run"), reader.Option("--target") ?? "local", wait);
    }
}
