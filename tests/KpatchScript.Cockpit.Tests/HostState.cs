using System.Globalization;
using System.Text.Json.Nodes;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// A host the panel looks at: a tree (a sysroot fixture, made a real dnf installroot where
/// packages matter) and the configuration that points kpatch-script at it (target, install_root,
/// state_directory for the journal, workflows_directory). Everything lives in one world-readable
/// work directory, so that the read-only session (cockpit-ws as nobody) can read it too.
/// </summary>
internal sealed class HostState : IDisposable
{
    private HostState(string name)
    {
        Name = name;
        Work = Directory.CreateTempSubdirectory($"kps-cockpit-{name}-").FullName;
        Root = Path.Combine(Work, "host");
        Config = Path.Combine(Work, "config.json");
        Workflows = Path.Combine(Work, "workflows");
    }

    public string Name { get; }

    /// <summary>The directory of everything: tree, configuration, workflows, the package, the wrapper.</summary>
    public string Work { get; }

    /// <summary>The host's tree.</summary>
    public string Root { get; }

    public string Config { get; }

    public string Workflows { get; }

    /// <summary>Starts a state: the tree is then built by the caller, and <see cref="Configure"/> closes it.</summary>
    public static HostState Begin(string name) => new(name);

    /// <summary>
    /// Writes the configuration: read commands look at the tree; with <paramref name="installRoot"/>
    /// package operations act on it (its rpm database, its kernel release) and the journal is its.
    /// Shipped workflow scripts go into the workflows directory. Then everything is made world-readable.
    /// </summary>
    public HostState Configure(bool installRoot, int? supportDaysLeft = null, JsonObject? extra = null)
    {
        var config = extra ?? [];
        config["target"] = "sysroot:" + Root;
        config["state_directory"] = Root;
        config["workflows_directory"] = Workflows;
        if (installRoot)
        {
            config["install_root"] = Root;
            // As on a real root: /var/tmp is world-writable and sticky. dnf run by a user (the
            // read-only session's update check) keeps its cache there, under the install root.
            Directory.CreateDirectory(Path.Combine(Root, "var/tmp"));
        }

        if (supportDaysLeft is { } days)
        {
            // An EUS-style host whose admin set the end of live patches for its kernel (support_window_end).
            config["support_window_end"] = DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        File.WriteAllText(Config, config.ToJsonString());
        Directory.CreateDirectory(Workflows);
        foreach (var script in new[] { "status-report.csx", "apply-updates.csx" })
        {
            File.Copy(RepositoryPaths.Combine("scripts", script), Path.Combine(Workflows, script));
        }

        MakeReadable();
        return this;
    }

    /// <summary>A typo in the configuration ("targte" for "target"): every command stops with one line naming the file and the key.</summary>
    public void MisspellTargetKey() =>
        File.WriteAllText(Config, File.ReadAllText(Config).Replace("\"target\"", "\"targte\"", StringComparison.Ordinal));

    /// <summary>a+rX on the whole work directory (temporary directories start as 0700).</summary>
    public void MakeReadable()
    {
        ProcessHelper.Run("chmod", "-R", "a+rX", Work);
        if (Directory.Exists(Path.Combine(Root, "var/tmp")))
        {
            ProcessHelper.Run("chmod", "1777", Path.Combine(Root, "var/tmp"));
        }
    }

    public void Dispose() => Directory.Delete(Work, recursive: true);
}
