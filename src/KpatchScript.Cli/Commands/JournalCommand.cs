using System.Globalization;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Operations;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script journal</c>: what kpatch-script changed on this machine, from the audit journal.</summary>
internal sealed class JournalCommand : ICliCommand
{
    public string Name => "journal";

    public string Summary => "Show the audit journal: every install, update, auto-update, load and unload, newest first";

    public string Help => """
        Usage: kpatch-script journal [--json] [--limit N] [--installroot DIR]

        Reads the audit journal (/var/log/kpatch-script/journal.jsonl under state_directory, or
        under DIR with --installroot) and shows each operation once: when it started, what it was,
        how it ended (succeeded, failed, interrupted, or unfinished: started and never ended,
        because it is still running or was killed), the target, who ran it and how long it took.
        Lines that are not journal records are reported on stderr by number; the rest is shown.

        Options:
          --json             Print the operations as JSON (schema: journal.schema.json, version 1)
          --limit N          Show the N newest operations (default 20; 0 for all)
          --installroot DIR  The journal of package operations run with --installroot DIR (default: the configured install_root)

        Exit codes: 0 read (also when the journal is empty or missing), 1 the journal cannot be read, 2 wrong command line.
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, Name);
        var json = reader.Flag("--json");
        var limitText = reader.Option("--limit") ?? "20";
        var installRoot = reader.Option("--installroot") ?? environment.Defaults.InstallRoot;
        reader.EnsureConsumed();
        if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            throw new UsageException($"--limit needs a whole number (0 for all), not '{limitText}'");
        }

        var journal = JournalReader.Read(JournalReader.PathFor(installRoot, environment.Settings.StateDirectory), limit == 0 ? int.MaxValue : limit);
        foreach (var line in journal.UnreadableLines)
        {
            environment.Error.WriteLine(SafeText.Of($"kpatch-script: warning: {journal.Path}, {line}; it is skipped"));
        }

        if (json)
        {
            environment.Out.WriteLine(JournalJson.Write(journal));
            return ExitCodes.Ok;
        }

        if (journal.Total == 0)
        {
            environment.Out.WriteLine(SafeText.Of($"No operations recorded in {journal.Path}."));
            return ExitCodes.Ok;
        }

        foreach (var entry in journal.Entries)
        {
            var duration = entry.Duration is { } d ? string.Create(CultureInfo.InvariantCulture, $" in {d.TotalSeconds:0.0} s") : "";
            var kernel = entry.KernelRelease is { } k ? $" for {k}" : "";
            var who = entry.SudoUser is { } sudo ? $"{entry.User} (sudo from {sudo})" : entry.User;
            // The journal is a file on the target: its strings are shown, never sent to the terminal as they are.
            environment.Out.WriteLine(SafeText.Of(string.Create(CultureInfo.InvariantCulture,
                $"{entry.Started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {JournalJson.Word(entry.Outcome),-11}  {entry.Operation}{kernel} on {entry.Target} by {who}{duration}")));
            if (entry.Error is { } error)
            {
                environment.Out.WriteLine($"                      error: {SafeText.Of(error)}");
            }
        }

        if (journal.Total > journal.Entries.Count)
        {
            environment.Out.WriteLine($"({journal.Entries.Count} of {journal.Total}; --limit 0 shows all)");
        }

        return ExitCodes.Ok;
    }
}
