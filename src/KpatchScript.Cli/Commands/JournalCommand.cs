using System.Globalization;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Operations;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script journal</c>: what kpatch-script changed on a host, from the audit journal on that host.</summary>
internal sealed class JournalCommand : ICliCommand
{
    public string Name => "journal";

    public string Summary => "Show the audit journal: every install, update, auto-update, load and unload, newest first";

    public string Help => """
        Usage: kpatch-script journal [--json] [--limit N] [--target TARGET] [--installroot DIR]

        Reads the audit journal of a host, on that host, where its changes wrote it:
        /var/log/kpatch-script/journal.jsonl under state_directory for local, under / of an
        ssh:// host, in the tree of a sysroot:, and under DIR for package operations run with
        --installroot DIR. Shows each operation once: when it started, what it was, how it ended
        (succeeded, unchanged, failed, interrupted, or unfinished: started and never ended,
        because it is still running or was killed), the target, who ran it and how long it took.
        Lines that are not journal records (a record torn by a crash) are reported once on
        stderr by number; the rest is shown.

        Options:
          --json             Print the operations as JSON (schema: journal.schema.json, version 1)
          --limit N          Show the N newest operations (default 20; 0 for all)
          --target TARGET    local, sysroot:DIR or ssh://USER@HOST[:PORT] (default: the configured target)
          --installroot DIR  The journal of package operations run with --installroot DIR (default: the configured install_root)

        Exit codes: 0 read (also when the journal is empty or missing), 1 the journal cannot be read, 2 wrong command line.
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, Name);
        var json = reader.Flag("--json");
        var limitText = reader.Option("--limit") ?? "20";
        var target = reader.Option("--target") ?? environment.Defaults.Target;
        var installRoot = reader.Option("--installroot") is { } root ? Path.GetFullPath(root) : environment.Defaults.InstallRoot;
        reader.EnsureConsumed();
        if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            throw new UsageException($"--limit needs a whole number (0 for all), not '{limitText}'");
        }

        var host = environment.Open(target);
        var journal = JournalReader.Read(host, installRoot, environment.Settings.StateDirectory, limit == 0 ? int.MaxValue : limit);
        var where = host.Name == "local" ? journal.Path : $"{journal.Path} on {host.Name}";
        foreach (var line in journal.UnreadableLines)
        {
            environment.Error.WriteLine(SafeText.Of($"kpatch-script: warning: {where}, {line}; it is skipped"));
        }

        if (json)
        {
            environment.Out.WriteLine(JournalJson.Write(journal));
            return ExitCodes.Ok;
        }

        if (journal.Total == 0)
        {
            environment.Out.WriteLine(SafeText.Of($"No operations recorded in {where}."));
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
