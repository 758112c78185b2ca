using System.Globalization;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script journal</c>: what kpatch-script changed on a host, from the audit journal on that host.</summary>
internal sealed class JournalCommand : ICliCommand
{
    public string Name => JournalSettings.Verb;

    public string Summary => "Show the audit journal: every install, update, auto-update, load and unload, newest first";

    public OptionTable Options => JournalSettings.Table;

    public string Help => HelpText.Of(Options, """
        Reads the audit journal of a host, on that host, where its changes wrote it:
        /var/log/kpatch-script/journal.jsonl under state_directory for local, under / of an
        ssh:// host, in the tree of a sysroot:, and under DIR for package operations run with
        --installroot DIR. Shows each operation once: when it started, what it was, how it ended
        (succeeded, unchanged, failed, interrupted, or unfinished: started and never ended,
        because it is still running or was killed), the target, who ran it and how long it took.
        Lines that are not journal records (a record torn by a crash) are reported once on
        stderr by number; the rest is shown.
        """, """
        Exit codes: 0 read (also when the journal is empty or missing), 1 the journal cannot be read, 2 wrong command line.
        """);

    public static JournalSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        JournalSettings.Table.Read(arguments, reader => JournalSettings.Parse(reader, environment.Defaults.Target, environment.Defaults.InstallRoot));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var (json, limit, target, installRoot) = (settings.Json, settings.Limit, settings.Target, settings.InstallRoot);
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
