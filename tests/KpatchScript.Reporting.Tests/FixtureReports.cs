using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Verification;

namespace KpatchScript.Reporting.Tests;

/// <summary>Report inputs from the sysroot fixtures, with a fixed clock and stable names (no temporary paths, no tool version).</summary>
internal static class FixtureReports
{
    public const string Version = "<version>";

    public static TheoryData<string> Fixtures() => new(SysrootFixtures.All);

    public static (HostStatus Status, VerificationReport Verification) Read(string fixture)
    {
        var root = fixture == HostileSysroot.Name ? HostileSysroot.Get() : SysrootFixtures.Get(fixture);
        var facade = new KpatchFacade(new SysrootHostSystem(root), FixedTimeProvider.Default);
        var target = "sysroot:" + fixture;
        // Verified over the renamed status, so that the verdict's words name the fixture, not its temporary copy.
        var status = facade.Detect() with { Target = target, ToolVersion = Version };
        return (status, facade.VerifyNow(status));
    }

    public static Reading<Journal> Journal() =>
        Reading.Known(JournalReader.Parse("/var/log/kpatch-script/journal.jsonl", File.ReadAllLines(RepositoryPaths.Combine("tests", "KpatchScript.Reporting.Tests", "Fixtures", "journal.jsonl"))));

    public static async Task<HostReport> ReportAsync(string fixture, ReportOptions? options = null)
    {
        var (status, verification) = Read(fixture);
        var report = await new HostReportBuilder(FixedTimeProvider.Default, [], options).BuildAsync(status, verification, Journal());
        report.Model["tool_version"] = Version;
        return report;
    }

    /// <summary>The shipped templates as committed (never an admin's override on this machine; a test holds the built-in copies equal).</summary>
    public static TemplateLookup ShippedOnly { get; } = new([RepositoryPaths.Combine("templates")]);
}
