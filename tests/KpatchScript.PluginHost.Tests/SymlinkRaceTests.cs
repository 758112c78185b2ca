using KpatchScript.TestFixtures;

namespace KpatchScript.PluginHosting.Tests;

/// <summary>
/// A plugin directory that is a symbolic link into a directory an unprivileged user owns: the
/// user can swap what it points to between the check and the load. Root must never load the
/// user's code, however the swaps fall. Runs as root (CI does) and fails when not, never skips.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix owners, setpriv
public sealed class SymlinkRaceTests
{
    private const int Loads = 200;

    public SymlinkRaceTests() => Assert.True(Environment.IsPrivilegedProcess, "the symlink race test needs root (CI runs as root): run it with sudo");

    [Fact]
    public void A_user_flipping_the_target_of_a_symlinked_plugin_directory_never_gets_code_loaded_as_root()
    {
        using var plugins = new TestPlugins();
        using var attacker = new UnprivilegedUser();
        File.SetUnixFileMode(plugins.Root, (UnixFileMode)0b111_101_101); // the user must reach its own directory inside
        var home = Directory.CreateDirectory(Path.Combine(plugins.Root, "attacker")).FullName;
        // good: root's copy of GoodPlugin (root-owned, only root can write it); evil: the user's impostor of the same name.
        plugins.Add("GoodPlugin", into: Directory.CreateDirectory(Path.Combine(home, "good")).FullName);
        plugins.Add("GoodPlugin", set: "impostor", into: Directory.CreateDirectory(Path.Combine(home, "evil")).FullName);
        attacker.Own(Path.Combine(home, "evil"), recursive: true);
        File.SetUnixFileMode(home, (UnixFileMode)0b111_101_101);
        attacker.Own(home);
        var links = Directory.CreateDirectory(Path.Combine(plugins.Root, "links")).FullName;
        var record = Path.Combine(plugins.Root, "record");
        attacker.StartFlipping(home);

        var impostors = 0;
        var seen = new HashSet<string>();
        var unexpected = new List<string>();
        for (var i = 0; i < Loads; i++)
        {
            // root's own link (in a root-only directory) to the user's flipping one; a new path each time, so no load reuses an earlier one's files.
            var directory = Path.Combine(links, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.CreateSymbolicLink(directory, Path.Combine(home, "cur"));
            using var host = PluginHost.Load(new PluginHostOptions
            {
                Directories = [directory],
                RequireRootOwnership = true,
                Configuration = new Dictionary<string, string> { ["GoodPlugin"] = $$"""{"record_to": "{{record}}"}""" },
            });
            impostors += host.Plugins.Count(p => p.Description?.StartsWith("impostor", StringComparison.Ordinal) == true);
            // Refused every time, naming the user's directory: the real path is in it, whatever the link points to at that moment.
            var refusals = new[] { ("good", home), ("evil", Path.Combine(home, "evil")) }.Select(t =>
                $"plugin directory {directory} (real path {Path.Combine(home, t.Item1)}): {t.Item2} is owned by uid {attacker.Id}, not root; fix: chown root:root {t.Item2}; refused while kpatch-script runs as root");
            if (host.Problems.Count != 1 || !refusals.Contains(host.Problems[0]))
            {
                unexpected.Add($"load {i}: {string.Join(" / ", host.Problems.DefaultIfEmpty("no problem"))}; plugins: {string.Join(", ", host.Plugins.Select(p => $"{p.Name} {p.State}"))}");
            }

            seen.Add(new FileInfo(Path.Combine(home, "cur")).LinkTarget ?? "");
            Thread.Sleep(1); // the flipper holds a target up to 2 ms: the loads span many flips
        }

        Assert.Equal(["evil", "good"], seen.Order()); // the user's process really flipped while root loaded
        Assert.Equal((0, false), (impostors, File.Exists(record + ".impostor")));
        Assert.Empty(unexpected);
    }
}
