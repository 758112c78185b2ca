using KpatchScript.Detection;
using KpatchScript.Status;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Detection;

public sealed class SupportWindowTests
{
    [Theory]
    [InlineData("Linux version 5.14.0-427.13.1.el9_4.x86_64 (mockbuild@x) (gcc (GCC) 11.4.1) #1 SMP PREEMPT_DYNAMIC Wed Apr 10 10:29:16 EDT 2024\n", "2024-04-10")]
    [InlineData("Linux version 6.14.0-63.fc42.x86_64 (mockbuild@x) #1 SMP PREEMPT_DYNAMIC Mon Mar  3 19:53:37 UTC 2025", "2025-03-03")]
    [InlineData("Linux version 4.18.0 #1 SMP Tue Dec 3 10:00:00 2019", "2019-12-03")]
    [InlineData("Linux version 6.1.0-41-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)\n", "2025-11-09")]
    public void Reads_the_build_date_of_each_kernel_style(string procVersion, string expected)
    {
        Assert.True(SupportWindowEstimator.TryParseBuildDate(procVersion, out var built, out var unknownReason), unknownReason);
        Assert.Equal(expected, built.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Estimates_a_year_from_the_build_date_and_counts_the_days_left()
    {
        var now = new DateTimeOffset(2024, 10, 10, 8, 0, 0, TimeSpan.Zero);

        var status = await new KpatchFacade(FakeHosts.Healthy(), new FixedTimeProvider(now)).DetectAsync();

        var window = status.Kernel.SupportWindow.Value!;
        Assert.Equal((true, "2023-04-12", "2024-04-11", -182), (window.Estimate, window.KernelBuilt, window.Ends, window.DaysLeft));
        Assert.Contains("up to a year", window.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uses_the_configured_length_or_end_date()
    {
        var now = new DateTimeOffset(2023, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var facade = (KpatchSettings settings) => new KpatchFacade(FakeHosts.Healthy(), new FixedTimeProvider(now), settings).DetectAsync();

        var eus = (await facade(new KpatchSettings { SupportWindowDays = 4 * 365 })).Kernel.SupportWindow.Value!;
        var fixedEnd = (await facade(new KpatchSettings { SupportWindowEnd = new DateOnly(2023, 6, 1) })).Kernel.SupportWindow.Value!;

        Assert.Equal("2027-04-11", eus.Ends);
        Assert.Equal(("2023-06-01", 31), (fixedEnd.Ends, fixedEnd.DaysLeft));
        Assert.Contains("configuration", fixedEnd.Basis, StringComparison.Ordinal);
    }
}
