using KpatchScript.Host;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Targets;

/// <summary>Detection on the machine the tests run on, checked against what the machine itself says.</summary>
public sealed class LocalHostSystemTests
{
    [Fact]
    public async Task Reports_this_machine_honestly()
    {
        var status = await new KpatchFacade(new LocalHostSystem(), FixedTimeProvider.Default).DetectAsync();

        Assert.Equal(ProcessHelper.Run("uname", "-r").Trim(), status.Kernel.Running.Value);
        Assert.Equal(ProcessHelper.Run("uname", "-m").Trim(), status.Host.Architecture.Value);
        Assert.Equal(Directory.Exists("/sys/kernel/livepatch"), status.Livepatch.Support.Value!.Supported);
        var kpatchInstalled = new[] { "/usr/sbin/kpatch", "/usr/local/sbin/kpatch", "/sbin/kpatch", "/usr/bin/kpatch" }.Any(File.Exists);
        Assert.Equal(kpatchInstalled, status.Kpatch.Cli.Value!.Installed);
        Assert.Equal((long.Parse(File.ReadAllText("/proc/sys/kernel/tainted"), System.Globalization.CultureInfo.InvariantCulture) & 32768) != 0, status.Livepatch.TaintLivepatch.Value);
        if (!status.Livepatch.Support.Value.Supported)
        {
            Assert.Empty(status.Livepatch.Patches.Value!);
        }
    }

    [Fact]
    public void Runs_commands_as_argument_vectors_without_a_shell()
    {
        var result = new LocalHostSystem().Run(CommandSpec.Query("printf", "%s|", "a b", "$(id)", "'q'"));

        Assert.Equal("a b|$(id)|'q'|", result.StandardOutput);
    }

    [Fact]
    public void Says_when_a_program_is_missing()
    {
        var ex = Assert.Throws<CommandUnavailableException>(() => new LocalHostSystem().Run(CommandSpec.Query("kps-no-such-program")));

        Assert.StartsWith("kps-no-such-program is not installed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_a_command_that_outlives_its_timeout()
    {
        var spec = CommandSpec.Query("sleep", "30") with { Timeout = TimeSpan.FromMilliseconds(200) };

        var ex = Assert.Throws<HostSystemException>(() => new LocalHostSystem().Run(spec));

        Assert.Contains("did not finish within", ex.Message, StringComparison.Ordinal);
    }
}
