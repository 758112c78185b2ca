using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Lab.Tests;

/// <summary>The lab itself: it boots, ssh reaches it as root, and a lab patch really patches the kernel.</summary>
public sealed class LabBootTests
{
    private readonly ITestOutputHelper _output;

    public LabBootTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Boots_and_livepatches_proc_cmdline()
    {
        using var lab = new KernelLab();
        _output.WriteLine($"modules {lab.Build.ModulesBuildTime.TotalSeconds:0.0} s, initramfs {lab.Build.InitramfsBuildTime.TotalSeconds:0.0} s, boot to ssh {lab.BootTime.TotalSeconds:0.0} s");

        Assert.Contains("console=ttyS0 quiet panic=-1", lab.GuestRun("cat", "/proc/cmdline"), StringComparison.Ordinal);
        Assert.Equal(lab.KernelRelease, lab.GuestRun("uname", "-r").Trim());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            lab.GuestRun("true");
        }

        _output.WriteLine($"ssh command over the master connection: {clock.Elapsed.TotalMilliseconds / 10:0} ms");

        lab.GuestRun("insmod", KernelLab.ModulePath(LabModules.Cmdline));

        Assert.Equal(LabModules.CmdlineMarker + "\n", lab.GuestRun("cat", "/proc/cmdline"));
        Assert.Equal("1\n", lab.GuestRun("cat", $"/sys/kernel/livepatch/{LabModules.ModuleName(LabModules.Cmdline)}/enabled"));
    }

    [Fact]
    public void Builds_a_module_whose_vermagic_names_another_kernel()
    {
        var build = KernelLabBuild.Shared;

        var vermagic = ProcessHelper.Run("modinfo", "-F", "vermagic", build.ModuleFile(LabModules.OtherKernel));

        Assert.NotEqual(build.KernelRelease, build.OtherKernelRelease);
        Assert.Equal(build.KernelRelease.Length, build.OtherKernelRelease.Length);
        Assert.StartsWith(build.OtherKernelRelease + " ", vermagic, StringComparison.Ordinal);
        Assert.StartsWith(build.KernelRelease + " ", ProcessHelper.Run("modinfo", "-F", "vermagic", build.ModuleFile(LabModules.Cmdline)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6.1.0-56-amd64", "6.1.0-99-amd64")]
    [InlineData("6.1.0-99-amd64", "6.1.0-88-amd64")]
    [InlineData("5.14.0-284.11.1.el9_2.x86_64", "5.14.0-999.11.1.el9_2.x86_64")]
    [InlineData("6.8.0", "9.8.0")]
    public void Changes_a_release_keeping_its_length(string release, string other) =>
        Assert.Equal(other, KernelLabBuild.OtherRelease(release));
}
