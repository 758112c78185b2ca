using KpatchScript.TestFixtures;

namespace KpatchScript.Cockpit.Tests;

/// <summary>src/cockpit/install: the package files, and only those, where cockpit-bridge looks for packages.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Cockpit is Linux only; the test checks Unix file modes
public sealed class InstallScriptTests : IDisposable
{
    private static readonly string Script = RepositoryPaths.Combine("src", "cockpit", "install");

    private readonly string _directory = Directory.CreateTempSubdirectory("kps-cockpit-install-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Prefix_installs_every_package_file_world_readable_and_nothing_else()
    {
        var result = await Install(["--prefix", Path.Combine(_directory, "usr")]);

        Assert.True(result.Succeeded, result.StandardError);
        var installed = Path.Combine(_directory, "usr", "share", "cockpit", "kpatch-script");
        // The folder's README is for readers of the source, not part of the package.
        var package = Directory.GetFiles(RepositoryPaths.Combine("src", "cockpit")).Select(Path.GetFileName).Where(n => n is not ("install" or "README.md")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(package, Directory.GetFiles(installed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.Contains("manifest.json", package);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(installed));
        Assert.All(Directory.GetFiles(installed), file =>
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
            Assert.Equal(File.ReadAllBytes(RepositoryPaths.Combine("src", "cockpit", Path.GetFileName(file))), File.ReadAllBytes(file));
        });
        Assert.Equal($"kpatch-script Cockpit package installed in {installed}; log in to Cockpit again to see \"Kernel live patching\".\n", result.StandardOutput);
    }

    [Fact]
    public async Task User_installs_into_XDG_DATA_HOME_and_an_update_removes_files_it_no_longer_ships()
    {
        var stale = Path.Combine(_directory, "data", "cockpit", "kpatch-script", "old-panel.js");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "// an earlier version's file\n");

        var result = await Install(["--user"], new Dictionary<string, string> { ["XDG_DATA_HOME"] = Path.Combine(_directory, "data") });

        Assert.True(result.Succeeded, result.StandardError);
        Assert.True(File.Exists(Path.Combine(_directory, "data", "cockpit", "kpatch-script", "manifest.json")));
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public async Task A_wrong_option_exits_2_with_the_usage()
    {
        var result = await Install(["--system"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.StandardError, StringComparison.Ordinal);
    }

    private Task<Host.CommandResult> Install(string[] arguments, Dictionary<string, string>? environment = null) =>
        ProcessHelper.ExecuteAsync(["bash", Script, .. arguments], _directory, environment ?? [], null, TimeSpan.FromSeconds(30));
}
