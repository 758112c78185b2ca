using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Serialization;
using KpatchScript.Targets;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Targets;

/// <summary>
/// The snapshot script run by this machine's /bin/sh (dash, as on the ssh target's far side),
/// over this machine's real /proc and /sys: what the snapshot answers must equal what the
/// target answers file by file.
/// </summary>
public sealed class HostSnapshotTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("kps-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    /// <summary>Counts what reaches the target behind the snapshot.</summary>
    private sealed class CountingHost(IHostSystem inner) : IHostSystem
    {
        public List<string> Calls { get; } = [];

        public string Name => inner.Name;

        public bool IsReadOnly => inner.IsReadOnly;

        public EntryKind GetEntryKind(string path) => Count("kind " + path, () => inner.GetEntryKind(path));

        public string ReadFile(string path) => Count("read " + path, () => inner.ReadFile(path));

        public IReadOnlyList<DirectoryEntry> ListDirectory(string path) => Count("list " + path, () => inner.ListDirectory(path));

        public void WriteFile(string path, string content) => inner.WriteFile(path, content);

        public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default) => Count("run " + command, () => inner.Run(command, cancellationToken));

        public void AppendLine(string path, string line) => inner.AppendLine(path, line);

        public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default) => inner.Lock(path, holder, wait, cancellationToken);

        private T Count<T>(string call, Func<T> action)
        {
            Calls.Add(call);
            return action();
        }
    }

    private static HostSnapshot Take(IHostSystem inner, IEnumerable<SnapshotRoot> roots)
    {
        var result = new LocalHostSystem().Run(CommandSpec.Query(["sh", "-c", SnapshotScript.Text, "sh", .. SnapshotScript.Arguments(roots)]));
        Assert.True(result.Succeeded, result.StandardError);
        return HostSnapshot.Parse(inner, result.StandardOutput);
    }

    [Fact]
    public void Answers_like_the_target_for_odd_names_empty_files_links_and_missing_paths()
    {
        Directory.CreateDirectory(Path.Combine(_tree, "dir", "deeper", "deepest"));
        File.WriteAllText(Path.Combine(_tree, "a b"), "spaces\n");
        File.WriteAllText(Path.Combine(_tree, "it's"), "quote, no newline");
        File.WriteAllText(Path.Combine(_tree, ".hidden"), "");
        File.WriteAllText(Path.Combine(_tree, "dir", "value"), "1\n\n");
        File.WriteAllText(Path.Combine(_tree, "dir", "deeper", "too-deep"), "x\n");
        File.CreateSymbolicLink(Path.Combine(_tree, "link"), Path.Combine(_tree, "dir", "value"));
        File.CreateSymbolicLink(Path.Combine(_tree, "dangling"), Path.Combine(_tree, "nowhere"));
        var local = new LocalHostSystem();
        var counting = new CountingHost(local);

        var snapshot = Take(counting, [SnapshotRoot.Text(_tree, depth: 2), SnapshotRoot.Names(_tree + "/missing")]);

        foreach (var path in new[] { "", "/a b", "/it's", "/.hidden", "/dir", "/dir/value", "/dir/deeper", "/link", "/missing", "/dir/absent" }.Select(p => _tree + p))
        {
            Assert.True(local.GetEntryKind(path) == snapshot.GetEntryKind(path), path);
        }

        // A dangling link is "other", as the ssh target's own GetEntryKind says.
        Assert.Equal(EntryKind.Other, snapshot.GetEntryKind(_tree + "/dangling"));

        foreach (var path in new[] { "/a b", "/it's", "/.hidden", "/dir/value", "/link" }.Select(p => _tree + p))
        {
            Assert.Equal(local.ReadFile(path), snapshot.ReadFile(path));
        }

        Assert.Equal(
            local.ListDirectory(_tree).Select(e => (e.Name, e.Name == "dangling" ? EntryKind.Other : e.Kind)),
            snapshot.ListDirectory(_tree).Select(e => (e.Name, e.Kind)));
        Assert.Equal(local.ListDirectory(_tree + "/dir").Select(e => (e.Name, e.Kind)), snapshot.ListDirectory(_tree + "/dir").Select(e => (e.Name, e.Kind)));
        Assert.Throws<FileNotFoundException>(() => snapshot.ReadFile(_tree + "/missing"));
        Assert.Throws<FileNotFoundException>(() => snapshot.ReadFile(_tree + "/dir/absent"));
        Assert.Empty(counting.Calls);

        // Below the depth the snapshot knows nothing, so it asks the target.
        Assert.Equal("x\n", snapshot.ReadFile(_tree + "/dir/deeper/too-deep"));
        Assert.Equal(["read " + _tree + "/dir/deeper/too-deep"], counting.Calls);
    }

    [Fact]
    public void An_unreadable_file_fails_as_the_target_would()
    {
        // Root reads any mode-000 file; a sysfs write-only attribute is refused even to root,
        // and a directory cannot be cat: both give the error record.
        var snapshot = HostSnapshot.Parse(new FakeHostSystem(), "e\0/sys/kernel/livepatch/p/force\0cat: /sys/kernel/livepatch/p/force: Permission denied\0");

        Assert.Throws<UnauthorizedAccessException>(() => snapshot.ReadFile("/sys/kernel/livepatch/p/force"));
        Assert.Equal(EntryKind.File, snapshot.GetEntryKind("/sys/kernel/livepatch/p/force"));
    }

    [Theory]
    [InlineData("x\0/a\0", "unknown record kind 'x'")]
    [InlineData("f\0relative\0", "path 'relative' is not absolute")]
    [InlineData("c\0/a", "record of /a has no content")]
    [InlineData("f\0/a\0f\0/b", "it ends in the middle of a record")]
    public void A_malformed_stream_is_one_clear_error(string stream, string expected)
    {
        var ex = Assert.Throws<HostSystemException>(() => HostSnapshot.Parse(new FakeHostSystem("t"), stream));

        Assert.Equal($"the snapshot of t is malformed: {expected}", ex.Message);
    }

    [Fact]
    public void Detection_through_a_snapshot_equals_detection_file_by_file_with_a_handful_of_calls()
    {
        var time = FixedTimeProvider.Default;
        var counting = new CountingHost(new LocalHostSystem());

        var throughSnapshot = new KpatchFacade(Take(counting, KnownPaths.DetectionSnapshot), time).Detect();
        var direct = new KpatchFacade(new LocalHostSystem(), time).Detect();

        Assert.Equal(StatusJson.Serialize(direct), StatusJson.Serialize(throughSnapshot));
        // What is left: rpm queries, and /boot/config-* or the kpatch script where present.
        Assert.True(counting.Calls.Count <= 6, string.Join("\n", counting.Calls));
    }
}
