using KpatchScript.Detection;
using KpatchScript.Status;

namespace KpatchScript.Core.Tests.Detection;

/// <summary>
/// Where the support window comes from, best source first (configuration, lifecycle file, the first
/// live patch package, the estimate), and unknown, never a guess, where the kernel is not eligible,
/// its build date cannot be read, or a configured file cannot be.
/// </summary>
public sealed class SupportWindowSourceTests : IDisposable
{
    private const string Release = FakeHosts.Release; // built 2023-04-12 (FakeHosts' /proc/version)
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 23, 30, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-window-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Reading<SupportWindow> Estimate(KpatchSettings settings, Reading<KernelEligibility> eligibility, string? procVersion = null, Reading<string>? running = null)
    {
        var host = FakeHosts.Healthy();
        if (procVersion is not null)
        {
            host.WithFile(SupportWindowEstimator.ProcVersion, procVersion);
        }

        return SupportWindowEstimator.Estimate(new HostReader(host, CancellationToken.None), settings, Now, running ?? Reading.Known(Release), eligibility);
    }

    private static Reading<KernelEligibility> NotAsked => Reading.Unknown<KernelEligibility>(KernelStatus.EligibilityNotChecked);

    private static Reading<KernelEligibility> Eligible(string? firstBuilt) => Reading.Known(new KernelEligibility(Release, true, ["kpatch-patch-5_14_0-284_11_1-0-0.el9_2"], firstBuilt, null, null));

    private string Lifecycle(string release, string ends, string? stream)
    {
        var path = Path.Combine(_directory, "lifecycle.json");
        var streamJson = stream is null ? "" : $", \"stream\": \"{stream}\"";
        File.WriteAllText(path, $$"""{"source": "Red Hat", "date": "2023-12-01", "kernels": [{"release": "{{release}}", "ends": "{{ends}}"{{streamJson}}}]}""");
        return path;
    }

    [Fact]
    public void The_estimate_is_the_build_date_plus_the_configured_days_counted_from_today_in_utc()
    {
        var window = Estimate(new KpatchSettings(), NotAsked).Value!;

        Assert.Equal((true, "2023-04-12", "2024-04-11", 101, SupportWindow.FromEstimate), (window.Estimate, window.KernelBuilt, window.Ends, window.DaysLeft, window.Source));
        Assert.EndsWith("; --check-updates asks the repositories for the first live patch package instead", window.Basis, StringComparison.Ordinal);
        // The basis says how; that it is an estimate is the Estimate flag above, which every surface words ("Estimate: ...").
        Assert.StartsWith("kernel build date + 365 days;", window.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligible_kernel_without_a_first_package_date_keeps_the_estimate_without_asking_for_check_updates()
    {
        var window = Estimate(new KpatchSettings { SupportWindowDays = 10 }, Eligible(firstBuilt: null)).Value!;

        Assert.Equal(("2023-04-22", SupportWindow.FromEstimate), (window.Ends, window.Source));
        Assert.Equal("kernel build date + 10 days; Red Hat offers live patches for eligible kernels for up to a year (EUS longer: set support_window_days)", window.Basis);
    }

    [Fact]
    public void The_first_live_patch_package_starts_the_window_when_the_repositories_were_asked()
    {
        var window = Estimate(new KpatchSettings(), Eligible("2023-05-02")).Value!;

        Assert.Equal((false, "2024-05-01", SupportWindow.FromRepositories, "2023-05-02", 121), (window.Estimate, window.Ends, window.Source, window.Starts, window.DaysLeft));
        Assert.StartsWith("first kpatch-patch package for this kernel built 2023-05-02 (kpatch-patch-5_14_0-284_11_1-0-0.el9_2) + 365 days", window.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_package_date_that_is_no_date_falls_back_to_the_estimate()
    {
        Assert.Equal(SupportWindow.FromEstimate, Estimate(new KpatchSettings(), Eligible("May 2023")).Value!.Source);
    }

    [Fact]
    public void A_kernel_that_is_not_eligible_has_no_window()
    {
        var notEligible = Reading.Known(new KernelEligibility(Release, false, [], null, null, null));

        var window = Estimate(new KpatchSettings(), notEligible);

        Assert.False(window.IsKnown);
        Assert.Equal($"kernel {Release} is not kpatch-eligible: no package in the enabled repositories provides kpatch-patch = {Release}, so it gets no live patches", window.UnknownReason);
    }

    [Fact]
    public void Configuration_wins_over_every_other_source()
    {
        var window = Estimate(new KpatchSettings { SupportWindowEnd = new DateOnly(2024, 1, 1), SupportWindowFile = Lifecycle(Release, "2030-01-01", null) }, Eligible("2023-05-02")).Value!;

        Assert.Equal((false, "2024-01-01", 0, SupportWindow.FromConfiguration, "end date set in configuration (support_window_end)"), (window.Estimate, window.Ends, window.DaysLeft, window.Source, window.Basis));
    }

    [Fact]
    public void The_lifecycle_row_of_the_running_kernel_wins_over_the_repositories_and_names_its_stream()
    {
        var file = Lifecycle(Release, "2023-12-31", "EUS");

        var window = Estimate(new KpatchSettings { SupportWindowFile = file }, Eligible("2023-05-02")).Value!;

        Assert.Equal(("2023-12-31", -1, SupportWindow.FromLifecycleFile, "EUS"), (window.Ends, window.DaysLeft, window.Source, window.Stream));
        Assert.Equal($"lifecycle data {file} (Red Hat, 2023-12-01): kernel {Release}, EUS", window.Basis);
        Assert.Equal($"lifecycle data {file} (Red Hat, 2023-12-01): kernel {Release}", Estimate(new KpatchSettings { SupportWindowFile = Lifecycle(Release, "2023-12-31", null) }, NotAsked).Value!.Basis);
    }

    [Fact]
    public void A_lifecycle_file_without_the_kernel_or_an_unknown_running_kernel_falls_through_to_the_next_source()
    {
        var settings = new KpatchSettings { SupportWindowFile = Lifecycle("4.18.0-1.el8", "2030-01-01", null) };

        Assert.Equal(SupportWindow.FromRepositories, Estimate(settings, Eligible("2023-05-02")).Value!.Source);
        Assert.Equal(SupportWindow.FromEstimate, Estimate(new KpatchSettings { SupportWindowFile = Lifecycle(Release, "2030-01-01", null) }, NotAsked, running: Reading.Unknown<string>("x")).Value!.Source);
    }

    [Fact]
    public void A_configured_lifecycle_file_that_cannot_be_read_leaves_the_window_unknown()
    {
        var missing = Path.Combine(_directory, "missing.json");

        var window = Estimate(new KpatchSettings { SupportWindowFile = missing }, Eligible("2023-05-02"));

        Assert.False(window.IsKnown);
        Assert.StartsWith("the support window file cannot be read: ", window.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_build_date_the_window_is_unknown_and_quotes_what_was_read()
    {
        var noDate = Estimate(new KpatchSettings(), NotAsked, procVersion: "Linux version 5.14.0 #1 SMP\n");
        var empty = Estimate(new KpatchSettings(), NotAsked, procVersion: "\n");
        var longText = Estimate(new KpatchSettings(), NotAsked, procVersion: "Linux version 5.14.0 #1 SMP " + new string('x', 60));

        Assert.Equal("/proc/version ends with 'Linux version 5.14.0 #1 SMP', not a build date (like 'Wed Apr 10 10:29:16 EDT 2024' or Debian's '(2024-04-10)')", noDate.UnknownReason);
        Assert.Equal("/proc/version is empty, so the kernel's build date is unknown", empty.UnknownReason);
        Assert.StartsWith($"/proc/version ends with '...{new string('x', 48)}', not", longText.UnknownReason, StringComparison.Ordinal);
        // The quote is cut only beyond 48 characters: a text of exactly 48 is quoted whole.
        var exactly48 = Estimate(new KpatchSettings(), NotAsked, procVersion: new string('y', 48));
        Assert.StartsWith($"/proc/version ends with '{new string('y', 48)}', not", exactly48.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_proc_version_leaves_the_window_unknown()
    {
        var host = FakeHosts.Healthy().Without(SupportWindowEstimator.ProcVersion);

        Assert.False(SupportWindowEstimator.Estimate(new HostReader(host, CancellationToken.None), new KpatchSettings(), Now, Reading.Known(Release), NotAsked).IsKnown);
    }

    [Theory]
    [InlineData("#1 SMP Wed Apr 10 10:29:16 2024", "2024-04-10")]
    [InlineData("#1 SMP Wed Apr 10 10:29:16 EDT 2024", "2024-04-10")]
    [InlineData("x (2024-04-10)", "2024-04-10")]
    [InlineData("#1 SMP Wed Apr 10 10:29:1 EDT 2024", null)]
    [InlineData("#1 SMP Wed Apr 10 10-29-16 EDT 2024", null)]
    [InlineData("#1 SMP Wed Apr 10 1a:29:16 EDT 2024", null)]
    [InlineData("#1 SMP Wed Apr 10 10:29:16 EDT", null)]
    [InlineData("Apr 10 10:29:16 2024", "2024-04-10")]
    [InlineData("10 10:29:16 2024", null)]
    [InlineData("x Apr 10 10:29:16 2024", "2024-04-10")]
    [InlineData("x (2024-13-10)", null)]
    [InlineData("x (20240410", null)]
    [InlineData("2024", null)]
    [InlineData("10:29:16 2024", null)]
    public void Reads_a_build_date_only_where_the_time_stands_before_the_year(string procVersion, string? expected)
    {
        var parsed = SupportWindowEstimator.TryParseBuildDate(procVersion, out var built, out var reason);

        Assert.Equal(expected, parsed ? built.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);
        Assert.Equal(parsed, reason.Length == 0);
    }
}
