using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.ScriptRuns;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Packages;

/// <summary>
/// kpatch-dnf's choices (Cockpit's "Apply kernel live patches") on a fake target that records every
/// argument vector: the exact commands of each choice, in one operation under one lock and one journal record.
/// </summary>
public sealed class AutoUpdateChoiceTests
{
    private const string Release = "5.14.0-284.11.1.el9_2.x86_64";
    private const string Lock = "/run/lock/kpatch-script.lock";
    private const string JournalFile = "/var/log/kpatch-script/journal.jsonl";
    private const string Auto = "dnf --setopt=skip_if_unavailable=False --assumeyes kpatch auto";
    private const string Manual = "dnf --setopt=skip_if_unavailable=False --assumeyes kpatch manual";
    private const string Install = $"dnf --setopt=skip_if_unavailable=False --assumeyes install 'kpatch-patch = {Release}'";
    private const string Enable = "systemctl enable --now kpatch.service";
    private const string Tooling = "dnf --setopt=skip_if_unavailable=False --assumeyes install kpatch kpatch-dnf";
    private const string Disable = "systemctl disable --now kpatch.service";

    /// <summary>A host running <see cref="Release"/> with kpatch-dnf configured; dnf and systemctl answer as given.</summary>
    private static FakeHostSystem Host(Func<CommandSpec, CommandResult>? dnf = null, CommandResult? systemctl = null) =>
        new FakeHostSystem("ssh://root@rhel9:22")
            .WithFile("/proc/sys/kernel/osrelease", Release + "\n")
            .WithFile("/etc/dnf/plugins/kpatch.conf", "[main]\nautoupdate = False\nautofilter = False\n")
            .WithCommand("dnf", c => dnf?.Invoke(c) ?? new CommandResult(0, "Complete!\n", ""))
            .WithCommand("systemctl", _ => systemctl ?? new CommandResult(0, "", "Created symlink /etc/systemd/system/multi-user.target.wants/kpatch.service → /usr/lib/systemd/system/kpatch.service.\n"));

    private static KpatchFacade Facade(FakeHostSystem host) => new(host, new SteppingTimeProvider(), new KpatchSettings { LockWait = TimeSpan.Zero });

    private static List<string> Ran(FakeHostSystem host) => [.. host.Commands.Where(c => c.Program is "dnf" or "systemctl").Select(c => c.ToString())];

    private static List<JsonElement> Journal(FakeHostSystem host) =>
        [.. host.ReadFile(JournalFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    public static TheoryData<bool, AutoUpdateKernels, KpatchServiceChange?, string[]> Choices => new()
    {
        { true, AutoUpdateKernels.All, null, [Auto, Enable] },
        { true, AutoUpdateKernels.Current, null, [Manual, Install, Enable] },
        { true, AutoUpdateKernels.All, KpatchServiceChange.Keep, [Auto] },
        { true, AutoUpdateKernels.Current, KpatchServiceChange.Keep, [Manual, Install] },
        { false, AutoUpdateKernels.All, null, [Manual] },
        { false, AutoUpdateKernels.All, KpatchServiceChange.Disable, [Manual, Disable] },
    };

    [Theory]
    [MemberData(nameof(Choices))]
    public async Task Each_choice_runs_its_exact_commands_in_one_operation_under_one_lock_and_journal_record(bool on, AutoUpdateKernels kernels, KpatchServiceChange? service, string[] expected)
    {
        var host = Host();

        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(on) { Kernels = kernels, Service = service });

        Assert.Equal((OperationOutcome.Succeeded, null), (result.Outcome, result.Error));
        Assert.Equal(expected, Ran(host));
        Assert.All(host.Commands.Where(c => c.Program is "dnf" or "systemctl"), c => Assert.True(c.Mutates));
        Assert.Equal([Lock], host.LocksTaken);
        var journal = Journal(host);
        Assert.Equal([on ? "auto-update on" : "auto-update off"], journal.Select(r => r.GetProperty("operation").GetString()).Distinct());
        Assert.Equal(["started", "succeeded"], journal.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(expected, journal[^1].GetProperty("commands").EnumerateArray().Select(c => string.Join(' ', c.EnumerateArray().Select(a => ShellWords.QuoteIfNeeded(a.GetString()!)))));
    }

    [Fact]
    public async Task The_old_overload_still_runs_dnf_kpatch_auto_or_manual_only()
    {
        var host = Host();
        var kp = Facade(host);

        var on = await kp.SetAutoUpdateAsync(true);
        var off = await kp.SetAutoUpdateAsync(false);

        Assert.Equal((OperationOutcome.Succeeded, OperationOutcome.Succeeded), (on.Outcome, off.Outcome));
        Assert.Equal([Auto, Manual], Ran(host));
    }

    [Fact]
    public async Task In_an_install_root_systemctl_changes_the_unit_files_with_root_and_starts_nothing()
    {
        var host = Host();
        var root = SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf); // kpatch-dnf installed in the root

        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(false) { Service = KpatchServiceChange.Disable }, new PackageOptions { InstallRoot = root, DryRun = true });

        Assert.Equal(
            [$"dnf --setopt=skip_if_unavailable=False --installroot={root} --assumeyes kpatch manual", $"systemctl --root={root} disable kpatch.service"],
            result.Commands.Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_dry_run_lists_every_command_and_runs_none_takes_no_lock_and_journals_nothing()
    {
        var host = Host();

        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(true) { Kernels = AutoUpdateKernels.Current }, new PackageOptions { DryRun = true });

        Assert.Equal(OperationOutcome.Planned, result.Outcome);
        Assert.Equal([Manual, Install, Enable], result.Commands.Select(c => c.ToString()));
        Assert.Empty(Ran(host));
        Assert.Empty(host.LocksTaken);
        Assert.Equal(EntryKind.Missing, host.GetEntryKind(JournalFile));
    }

    [Fact]
    public async Task A_scripts_dry_run_facade_prints_every_command_of_the_choice()
    {
        var host = Host();
        using var output = new StringWriter();
        var kp = new DryRunFacade(Facade(host), output);

        var result = await kp.SetAutoUpdateAsync(new AutoUpdateChoice(true) { Kernels = AutoUpdateKernels.Current });

        Assert.Equal(OperationOutcome.Planned, result.Outcome);
        Assert.Empty(Ran(host));
        Assert.Equal($"dry run: auto-update on on ssh://root@rhel9:22 would:\n  {Manual}\n  {Install}\n  {Enable}\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_failing_systemctl_fails_the_operation_with_its_first_error_line()
    {
        var host = Host(systemctl: new CommandResult(1, "", "Failed to enable unit: Unit file kpatch.service does not exist.\nmore\n"));

        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(true));

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal($"'{Enable}' failed: Failed to enable unit: Unit file kpatch.service does not exist.", result.Error);
        Assert.Equal([Auto, Enable], Ran(host));
        Assert.Equal(["started", "failed"], Journal(host).Select(r => r.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_current_kernel_whose_patch_cannot_be_installed_fails_with_dnfs_line_before_systemctl()
    {
        var host = Host(dnf: c => c.Arguments.Contains("install")
            ? new CommandResult(1, "", $"No match for argument: kpatch-patch = {Release}\nError: Unable to find a match: kpatch-patch = {Release}\n")
            : new CommandResult(0, "", ""));

        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(true) { Kernels = AutoUpdateKernels.Current });

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith($"dnf install: no package in the enabled repositories provides it (Error: Unable to find a match: kpatch-patch = {Release})", result.Error, StringComparison.Ordinal);
        Assert.Equal([Manual, Install], Ran(host));
    }

    [Fact]
    public async Task Turning_off_without_kpatch_dnf_is_refused_before_the_lock_there_is_nothing_to_turn_off()
    {
        var host = Host().Without("/etc/dnf/plugins/kpatch.conf");

        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(false) { Service = KpatchServiceChange.Disable });

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith("kpatch-dnf is not installed, so automatic updates are off already: nothing to turn off", result.Error, StringComparison.Ordinal);
        Assert.Equal([Manual, Disable], result.Commands.Select(c => c.ToString()));
        Assert.Empty(Ran(host));
        Assert.Empty(host.LocksTaken);
    }

    [Theory]
    [InlineData(AutoUpdateKernels.All)]
    [InlineData(AutoUpdateKernels.Current)]
    public async Task Turning_on_without_kpatch_dnf_installs_kpatch_and_kpatch_dnf_first_as_Cockpit_does(AutoUpdateKernels kernels)
    {
        var host = Host().Without("/etc/dnf/plugins/kpatch.conf");

        var planned = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(true) { Kernels = kernels }, new PackageOptions { DryRun = true });
        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(true) { Kernels = kernels });

        string[] expected = kernels == AutoUpdateKernels.All ? [Tooling, Auto, Enable] : [Tooling, Manual, Install, Enable];
        Assert.Equal(OperationOutcome.Planned, planned.Outcome);
        Assert.Equal(expected, planned.Commands.Select(c => c.ToString()));
        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.Equal(expected, Ran(host));
    }

    [Fact]
    public async Task Turning_on_when_no_repository_has_kpatch_dnf_says_which_repositories_ship_it()
    {
        var host = Host(dnf: command => command.Arguments.Contains("kpatch-dnf")
            ? new CommandResult(1, "", "No match for argument: kpatch-dnf\nError: Unable to find a match: kpatch-dnf\n")
            : new CommandResult(0, "", "")).Without("/etc/dnf/plugins/kpatch.conf");

        var result = await Facade(host).SetAutoUpdateAsync(new AutoUpdateChoice(true));

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal("dnf install kpatch kpatch-dnf: no enabled repository has them (Error: Unable to find a match: kpatch-dnf); RHEL ships kpatch in BaseOS and kpatch-dnf in AppStream: enable those repositories, then retry", result.Error);
        Assert.Equal([Tooling], Ran(host));
    }
}
