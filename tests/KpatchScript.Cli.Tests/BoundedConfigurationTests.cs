using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// The configuration path is read bounded (issue 17, point 7): a device, a FIFO or a directory at
/// KPATCH_SCRIPT_CONFIG is an error naming it, never a hang, an out-of-memory or a silent default;
/// a key that appears twice is an error naming the key.
/// </summary>
public sealed class BoundedConfigurationTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-config-bounded-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Refuses_dev_zero_as_the_configuration()
    {
        var outcome = Deadline.Within(Limit, () => CliRunner.RunWithConfig("/dev/zero", "status"));

        Assert.Equal((1, "", "kpatch-script: error: configuration /dev/zero: /dev/zero is a character device, not a regular file: name a regular file instead\n"),
            (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Refuses_a_fifo_as_the_configuration_without_waiting_for_a_writer()
    {
        var fifo = Path.Combine(_directory, "config.json");
        SpecialFiles.MakeFifo(fifo);

        var outcome = Deadline.Within(Limit, () => CliRunner.RunWithConfig(fifo, "status"));

        Assert.Equal((1, $"kpatch-script: error: configuration {fifo}: {fifo} is a named pipe (FIFO), not a regular file: name a regular file instead\n"),
            (outcome.ExitCode, outcome.Error));
    }

    [Fact]
    public void Refuses_a_directory_as_the_configuration_instead_of_ignoring_it()
    {
        var outcome = CliRunner.RunWithConfig(_directory, "status", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch));

        Assert.Equal((1, "", $"kpatch-script: error: configuration {_directory}: this is a directory: name the configuration file itself (KPATCH_SCRIPT_CONFIG=DIR/config.json)\n"),
            (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Refuses_a_configuration_larger_than_a_mebibyte()
    {
        var config = Path.Combine(_directory, "config.json");
        SpecialFiles.MakeSparse(config, 2 * 1024 * 1024);

        var outcome = CliRunner.RunWithConfig(config, "status");

        Assert.Equal((1, $"kpatch-script: error: configuration {config}: {config} is 2 MiB, more than the 1 MiB kpatch-script reads from such a file: check that it is the right file\n"),
            (outcome.ExitCode, outcome.Error));
    }

    [Theory]
    [InlineData("""{ "lock_wait_seconds": 5, "lock_wait_seconds": 600 }""", "lock_wait_seconds")]
    [InlineData("""{ "alerts": { "rules": { "kernel-not-covered": { "enabled": true, "enabled": false } } } }""", "alerts.rules.kernel-not-covered.enabled")]
    [InlineData("""{ "target": "local", "plugins": { "Webhook": { "url": "http://a" }, "Webhook": { "url": "http://b" } } }""", "plugins.Webhook")]
    public void Names_a_key_that_appears_twice(string content, string key)
    {
        var config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, content);

        var outcome = CliRunner.RunWithConfig(config, "status");

        Assert.Equal((1, $"kpatch-script: error: configuration {config}: key '{key}' appears twice: keep one (JSON readers disagree on which one counts)\n"),
            (outcome.ExitCode, outcome.Error));
    }

    [Fact]
    public void Refuses_a_banned_api_list_that_is_a_fifo()
    {
        var list = Path.Combine(_directory, "BannedSymbols.txt");
        SpecialFiles.MakeFifo(list);
        var config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, """{ "banned_symbols_file": "BannedSymbols.txt" }""");

        var outcome = Deadline.Within(Limit, () => CliRunner.RunWithConfig(config, "status"));

        Assert.Equal((1, $"kpatch-script: error: configuration {config}: banned_symbols_file {list} cannot be read: {list} is a named pipe (FIFO), not a regular file: name a regular file instead\n"),
            (outcome.ExitCode, outcome.Error));
    }
}
