using System.Globalization;
using KpatchScript.TestFixtures;

namespace KpatchScript.Packaging.Tests;

/// <summary>
/// The RPM as an admin gets it: rpmlint clean, installed with rpm into an empty root (a static
/// busybox is its /bin/sh, so the scriptlets really run), every file where it belongs with the
/// mode and owner it should have, the CLI from the installed tree runs, and it uninstalls without
/// leaving anything behind (a changed configuration is kept as .rpmsave, as rpm does).
/// Dependencies (the .NET runtime, logrotate) are not in an empty root: installed with --nodeps.
/// </summary>
public sealed class RpmPackageTests(RpmBuild rpm) : IClassFixture<RpmBuild>, IDisposable
{
    private readonly string _root = NewRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Rpmlint_finds_no_errors()
    {
        var lint = ProcessHelper.Execute("rpmlint", "-r", RepositoryPaths.Combine("src", "packaging", "kpatch-script.rpmlintrc"), rpm.Package);

        Assert.True(lint.ExitCode == 0, lint.StandardOutput + lint.StandardError);
        Assert.Contains(" 0 errors,", lint.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_package_installs_into_an_empty_root_with_its_files_modes_and_owners_then_uninstalls_cleanly()
    {
        Rpm("-i", "--nodeps", rpm.Package);

        var files = ProcessHelper.Run("rpm", "-qlp", rpm.Package).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(files, f => Assert.True(Path.Exists(Installed(f)), $"{f} is listed but not installed"));
        string[] expected =
        [
            "/usr/bin/kpatch-script", "/usr/lib/kpatch-script/kpatch-script.dll", "/usr/share/kpatch-script/scripts/status-report.csx",
            // The plugin process: 'dotnet exec KpatchScript.PluginHost.dll' needs its runtimeconfig.json beside it.
            "/usr/lib/kpatch-script/KpatchScript.PluginHost.dll", "/usr/lib/kpatch-script/KpatchScript.PluginHost.runtimeconfig.json",
            "/usr/share/kpatch-script/templates/report.html", "/usr/share/kpatch-script/templates/alert.json",
            "/usr/share/kpatch-script/prometheus/kpatch-script.rules.yml",
            $"/usr/share/kpatch-script/ansible/kpatchscript-livepatch-{BuiltPackages.Version}.tar.gz",
            "/usr/share/cockpit/kpatch-script/manifest.json", "/usr/share/cockpit/kpatch-script/index.html", "/etc/kpatch-script/workflows",
            "/usr/lib/kpatch-script/plugins", "/usr/lib/kpatch-script/plugins-available/Prometheus/Prometheus.dll",
            "/usr/lib/kpatch-script/plugins-available/Webhook/Webhook.dll",
            "/etc/kpatch-script/config.json", "/etc/kpatch-script/templates", "/usr/lib/systemd/system/kpatch-script.service",
            "/usr/lib/systemd/system/kpatch-script.timer", "/var/lib/kpatch-script", "/var/log/kpatch-script", "/etc/logrotate.d/kpatch-script",
            "/usr/share/doc/kpatch-script/README.md", "/usr/share/doc/kpatch-script/commands.md", "/usr/share/doc/kpatch-script/configuration.md",
            "/usr/share/doc/kpatch-script/scripts.md", "/usr/share/doc/kpatch-script/plugins.md", "/usr/share/doc/kpatch-script/templates.md",
            "/usr/share/licenses/kpatch-script/LICENSE",
        ];
        Assert.All(expected, f => Assert.Contains(f, files));
        // The Ansible collection's tarball is also written beside the RPM, the same bytes.
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(rpm.Directory, $"kpatchscript-livepatch-{BuiltPackages.Version}.tar.gz")),
            File.ReadAllBytes(Installed($"/usr/share/kpatch-script/ansible/kpatchscript-livepatch-{BuiltPackages.Version}.tar.gz")));
        Assert.Equal("0755 0:0", ModeAndOwner("/usr/bin/kpatch-script"));
        Assert.Equal("0755 0:0", ModeAndOwner("/usr/share/kpatch-script/scripts/status-report.csx"));
        Assert.Equal("0644 0:0", ModeAndOwner("/etc/kpatch-script/config.json"));
        Assert.Equal("0644 0:0", ModeAndOwner("/usr/lib/kpatch-script/kpatch-script.dll"));
        Assert.Equal("0755 0:0", ModeAndOwner("/var/lib/kpatch-script"));
        // Nothing the package installs is writable by anyone but root, and everything is root's.
        Assert.All(files, f => Assert.Matches("^0[0-7][0-5][0-5] 0:0$", ModeAndOwner(f)));
        Assert.Equal("#!/usr/bin/kpatch-script", File.ReadLines(Installed("/usr/share/kpatch-script/scripts/status-report.csx")).First());
        Assert.Equal(0, ProcessHelper.Execute("rpm", "--root", _root, "--dbpath", "/var/lib/rpm", "-V", "--nodeps", "kpatch-script").ExitCode);

        // The installed CLI runs (with this machine's dotnet: the wrapper's /usr/bin/dotnet, pointed at the installed tree).
        var version = ProcessHelper.Execute("dotnet", Installed("/usr/lib/kpatch-script/kpatch-script.dll"), "--version");
        Assert.Equal((0, BuiltPackages.Version + "\n"), (version.ExitCode, version.StandardOutput));
        Assert.Equal("exec /usr/bin/dotnet /usr/lib/kpatch-script/kpatch-script.dll \"$@\"", File.ReadLines(Installed("/usr/bin/kpatch-script")).Last());
        // And as installed: /usr/bin/kpatch-script itself, with the installed /usr/lib overlaid on this machine's in a
        // mount namespace of its own (nothing leaks out), so the wrapper finds /usr/lib/kpatch-script and /usr/bin/dotnet.
        var wrapper = ProcessHelper.Execute(
            "unshare", "--mount", "sh", "-c", """mount -t overlay overlay -o "lowerdir=$1/usr/lib:/usr/lib" /usr/lib && exec "$1/usr/bin/kpatch-script" --version""", "sh", _root);
        Assert.Equal((0, BuiltPackages.Version + "\n", ""), (wrapper.ExitCode, wrapper.StandardOutput, wrapper.StandardError));
        var config = ProcessHelper.Execute(["env", $"KPATCH_SCRIPT_CONFIG={Installed("/etc/kpatch-script/config.json")}", "dotnet", Installed("/usr/lib/kpatch-script/kpatch-script.dll"), "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)]);
        Assert.Equal((0, ""), (config.ExitCode, config.StandardError)); // the shipped configuration is valid
        // The installed templates are found where the package puts them (the ones next to the DLL are not shipped).
        Assert.False(Directory.Exists(Installed("/usr/lib/kpatch-script/templates")));
        Assert.All(Directory.GetFiles(RepositoryPaths.Combine("templates")).Where(t => Path.GetFileName(t) != "README.md"), t =>
            Assert.Equal(File.ReadAllText(t), File.ReadAllText(Installed("/usr/share/kpatch-script/templates/" + Path.GetFileName(t)))));
        var report = ProcessHelper.Execute(["env", $"KPATCH_SCRIPT_CONFIG={Installed("/etc/kpatch-script/config.json")}", "dotnet", Installed("/usr/lib/kpatch-script/kpatch-script.dll"), "report", "--format", "txt", "--templates", Installed("/usr/share/kpatch-script/templates"), "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)]);
        Assert.Equal((0, ""), (report.ExitCode, report.StandardError));
        Assert.Contains("kpatch_5_14_0_284_11_1_1_1", report.StandardOutput, StringComparison.Ordinal);
        // The shipped plugins load from where the package puts them, none is enabled by default.
        Assert.Empty(Directory.GetFileSystemEntries(Installed("/usr/lib/kpatch-script/plugins")));
        var plugin = ProcessHelper.Execute(["env", $"KPATCH_SCRIPT_CONFIG={Installed("/etc/kpatch-script/config.json")}", "dotnet", Installed("/usr/lib/kpatch-script/kpatch-script.dll"), "plugins", "info", "Prometheus", "--plugins", Installed("/usr/lib/kpatch-script/plugins-available")]);
        Assert.True(plugin.ExitCode == 0, plugin.StandardOutput + plugin.StandardError);
        Assert.Contains("loaded", plugin.StandardOutput, StringComparison.Ordinal);

        Rpm("-e", "kpatch-script");

        Assert.All(files, f => Assert.False(Path.Exists(Installed(f)), $"{f} is left after rpm -e"));
        Assert.NotEqual(0, ProcessHelper.Execute("rpm", "--root", _root, "--dbpath", "/var/lib/rpm", "-q", "kpatch-script").ExitCode);
    }

    [Fact]
    public void A_changed_configuration_survives_an_uninstall_as_rpmsave()
    {
        Rpm("-i", "--nodeps", rpm.Package);
        File.WriteAllText(Installed("/etc/kpatch-script/config.json"), """{ "support_window_days": 730 }""");

        Rpm("-e", "kpatch-script");

        Assert.Equal("""{ "support_window_days": 730 }""", File.ReadAllText(Installed("/etc/kpatch-script/config.json.rpmsave")));
        Assert.False(File.Exists(Installed("/usr/bin/kpatch-script")));
    }

    private void Rpm(params string[] arguments)
    {
        var result = ProcessHelper.Execute(["rpm", "--root", _root, "--dbpath", "/var/lib/rpm", .. arguments]);
        Assert.True(result.ExitCode == 0 && !result.StandardError.Contains("scriptlet failed", StringComparison.Ordinal), $"rpm {string.Join(' ', arguments)}: {result.StandardOutput}{result.StandardError}");
    }

    private string Installed(string path) => _root + path;

    private string ModeAndOwner(string path)
    {
        var stat = ProcessHelper.Run("stat", "-c", "%a %u:%g", Installed(path)).Trim();
        var space = stat.IndexOf(' ', StringComparison.Ordinal);
        return int.Parse(stat[..space], CultureInfo.InvariantCulture).ToString("0000", CultureInfo.InvariantCulture) + stat[space..];
    }

    /// <summary>An empty root with an rpm database and, for the scriptlets, a static shell.</summary>
    private static string NewRoot()
    {
        var root = Directory.CreateTempSubdirectory("kps-rpmroot-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy("/bin/busybox", Path.Combine(root, "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(root, "bin", "sh"), "busybox");
        ProcessHelper.Run("rpm", "--root", root, "--dbpath", "/var/lib/rpm", "--initdb");
        return root;
    }
}
