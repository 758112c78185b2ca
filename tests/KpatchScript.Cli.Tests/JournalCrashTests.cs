using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KpatchScript.Operations;
using Xunit.Abstractions;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// The journal against crashes: real installs (real dnf, a package whose %pre sleeps) killed with
/// SIGKILL, the whole process tree, at random points, many times; and now and then the record the
/// killed run was writing torn as a power cut tears it. Every operation that started stays in the
/// journal, and every line but the torn ones is a record.
/// </summary>
public sealed class JournalCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 50;
    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string JournalPath => Path.Combine(_root, OperationPaths.JournalRelative);

    [Fact]
    public void Every_started_operation_survives_kills_at_random_points_and_torn_records()
    {
        var random = new Random(17); // fixed: a failure replays
        var started = new HashSet<int>();
        var ranDnf = new HashSet<int>();
        var tornLines = new List<string>();
        for (var kill = 0; kill < Kills; kill++)
        {
            var before = File.Exists(JournalPath) ? new FileInfo(JournalPath).Length : 0;
            // Half the kills fall in the first 400 ms: start-up, the lock, the started record.
            var delay = TimeSpan.FromMilliseconds(random.Next(2) == 0 ? random.Next(0, 400) : random.Next(0, 2500));
            using var install = CliProcess.Start(null, "install", "--installroot", _root, "--kernel", KernelSlowPre);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < delay && !install.HasExited)
            {
                if (HasChild(install.Id, "dnf"))
                {
                    ranDnf.Add(install.Id);
                }

                Thread.Sleep(10);
            }

            // The whole tree, and only once every process of it is gone does the next run start: a
            // dnf still exiting from the last kill must not make the next install fail on its lock
            // (seen once on a busy machine: 5 runs "failed" instead of "unfinished").
            var tree = Descendants(install.Id);
            install.Kill(entireProcessTree: true);
            install.WaitForExit();
            WaitUntilGone(tree);

            // What the killed run wrote, read as bytes: the test's own view, not the reader's.
            var written = Tail(before);
            var pid = $"\"pid\":{install.Id.ToString(CultureInfo.InvariantCulture)},";
            var startedLine = written.Split('\n').FirstOrDefault(l => l.Contains(pid, StringComparison.Ordinal) && l.Contains("\"outcome\":\"started\"", StringComparison.Ordinal));
            if (startedLine is null)
            {
                continue;
            }

            started.Add(install.Id);
            if (kill % 3 == 1 || tornLines.Count == 0)
            {
                // The crash hit while the end record was being written: a part of it, no newline.
                var end = startedLine.Replace("\"outcome\":\"started\"", "\"outcome\":\"failed\"", StringComparison.Ordinal);
                var torn = end[..random.Next(1, end.Length - 1)];
                File.AppendAllText(JournalPath, torn);
                tornLines.Add(torn);
            }
        }

        var journal = CliProcess.Start(null, "journal", "--json", "--limit", "0", "--installroot", _root);
        var (exitCode, stdout, stderr) = CliProcess.Finish(journal);
        var document = JsonDocument.Parse(stdout).RootElement;
        var entries = document.GetProperty("entries").EnumerateArray().ToList();
        var listed = entries.ToDictionary(e => e.GetProperty("pid").GetInt32(), e => e.GetProperty("outcome").GetString());
        var unreadable = document.GetProperty("unreadable_lines").EnumerateArray().Select(l => l.GetString()!).ToList();
        var lines = File.ReadAllText(JournalPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"{Kills} kills, {started.Count} operations started, {ranDnf.Count} seen running dnf, {tornLines.Count} records torn, {lines.Length} lines");

        Assert.Equal(0, exitCode);
        // The kills fell both before and after the start (how many after depends on the machine's load).
        Assert.InRange(started.Count, 1, Kills - 1);
        Assert.NotEmpty(tornLines);
        Assert.Subset(started, ranDnf); // the started record is on disk before the first command runs
        Assert.Equal(started.Order(), listed.Keys.Order()); // every operation that started, and only those
        Assert.All(entries, entry => Assert.True(entry.GetProperty("outcome").GetString() == "unfinished", $"not unfinished: {entry}"));
        // Each torn line is kept as it was, reported once, and the next record has a line of its own.
        Assert.Equal(tornLines, lines.Where(l => !IsJson(l)));
        Assert.Equal(tornLines.Count, unreadable.Count);
        Assert.All(unreadable, u => Assert.EndsWith(": a torn record (cut short, e.g. by a crash while it was written)", u, StringComparison.Ordinal));
        Assert.Equal(tornLines.Count, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private string Tail(long from)
    {
        if (!File.Exists(JournalPath))
        {
            return "";
        }

        using var file = new FileStream(JournalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = from;
        using var reader = new StreamReader(file, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static bool IsJson(string line)
    {
        try
        {
            JsonDocument.Parse(line).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether a process named <paramref name="name"/> runs with <paramref name="parent"/> as its parent.</summary>
    private static bool HasChild(int parent, string name) => Processes().Any(p => p.Parent == parent && p.Name == name);

    /// <summary>The processes below <paramref name="root"/>, and it.</summary>
    private static List<int> Descendants(int root)
    {
        var all = Processes();
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(all.Where(p => p.Parent == tree[i]).Select(p => p.Pid));
        }

        return tree;
    }

    /// <summary>Waits until none of <paramref name="tree"/> runs: gone, or a zombie (its files and locks are released by then; whoever adopted it may reap it late).</summary>
    private static void WaitUntilGone(List<int> tree)
    {
        var clock = Stopwatch.StartNew();
        while (tree.Where(Runs).ToList() is { Count: > 0 } running)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"processes {string.Join(", ", running)} still run 60 s after SIGKILL");
            Thread.Sleep(10);
        }
    }

    private static bool Runs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Every process: its id, parent and name (/proc/PID/stat).</summary>
    private static List<(int Pid, int Parent, string Name)> Processes()
    {
        var processes = new List<(int, int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                var comm = stat[(stat.IndexOf('(') + 1)..close];
                var ppid = int.Parse(stat[(close + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                processes.Add((pid, ppid, comm));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // The process ended while it was looked at.
            }
        }

        return processes;
    }
}
