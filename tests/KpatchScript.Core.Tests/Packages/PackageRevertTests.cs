using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.ScriptRuns;
using KpatchScript.Status;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Packages;

/// <summary>
/// Remove and downgrade on a fake target that records every argument vector: what runs, under
/// which lock, what the journal says, and that a dry run (the facade's and a script's) runs no dnf.
/// </summary>
public sealed class PackageRevertTests
{
    private const string Release = "5.14.0-284.11.1.el9_2.x86_64";
    private const string Name = "kpatch-patch-5_14_0-284_11_1";
    private const string Lock = "/run/lock/kpatch-script.lock";
    private const string JournalFile = "/var/log/kpatch-script/journal.jsonl";

    private static readonly string[] DnfBase = ["dnf", "--setopt=skip_if_unavailable=False", "--assumeyes"];

    /// <summary>A host running <see cref="Release"/> with its patch at 1-3 installed (or none), and a dnf that answers <paramref name="dnf"/>.</summary>
    private static FakeHostSystem Host(string? installed = "3", CommandResult? dnf = null)
    {
        var rpm = installed is null ? "" :
            $"@@kpatch-script-package@@\t{Name}\t0\t1\t{installed}.el9_2\tx86_64\t{Name}=1-{installed}.el9_2;kpatch-patch={Release};\n- kernel: fix [1] {{CVE-2023-0001}}\n";
        return new FakeHostSystem("ssh://root@rhel9:22")
            .WithFile("/proc/sys/kernel/osrelease", Release + "\n")
            .WithCommand("rpm", 0, rpm)
            .WithCommand("dnf", _ => dnf ?? new CommandResult(0, "Dependencies resolved.\nComplete!\n", ""));
    }

    private static KpatchFacade Facade(FakeHostSystem host) => new(host, new SteppingTimeProvider(), new KpatchSettings { LockWait = TimeSpan.Zero });

    private static List<CommandSpec> DnfRuns(FakeHostSystem host) => [.. host.Commands.Where(c => c.Program == "dnf")];

    private static List<JsonElement> Journal(FakeHostSystem host) =>
        [.. host.ReadFile(JournalFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Remove_runs_dnf_remove_of_the_provide_under_the_targets_lock_and_journals_it()
    {
        var host = Host();

        var result = await Facade(host).RemoveAsync();

        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.Equal([.. DnfBase, "remove", $"kpatch-patch = {Release}"], Assert.Single(DnfRuns(host)).Arguments);
        Assert.True(Assert.Single(DnfRuns(host)).Mutates);
        Assert.Equal([Lock], host.LocksTaken);
        Assert.Equal(
            [("remove", "started", Release), ("remove", "succeeded", Release)],
            Journal(host).Select(r => (r.GetProperty("operation").GetString(), r.GetProperty("outcome").GetString(), r.GetProperty("kernel_release").GetString())));
        Assert.Contains("the running kernel is unchanged: a loaded live patch stays live until reboot", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, new[] { "downgrade", "kpatch-patch = " + Release })]
    [InlineData("1-2.el9_2", new[] { "downgrade", Name + "-1-2.el9_2.x86_64" })]
    [InlineData("0:1-1.el9_2", new[] { "downgrade", Name + "-0:1-1.el9_2.x86_64" })]
    public async Task Downgrade_runs_dnf_downgrade_of_the_provide_or_of_the_installed_packages_exact_version(string? to, string[] arguments)
    {
        var host = Host();

        var result = await Facade(host).DowngradeAsync(toVersion: to);

        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.Equal([.. DnfBase, .. arguments], Assert.Single(DnfRuns(host)).Arguments);
        Assert.Equal([Lock], host.LocksTaken);
        Assert.Equal(["started", "succeeded"], Journal(host).Select(r => r.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_dry_run_lists_the_commands_and_runs_no_dnf_takes_no_lock_and_journals_nothing()
    {
        var host = Host();
        var kp = Facade(host);

        var remove = await kp.RemoveAsync(new PackageOptions { DryRun = true });
        var downgrade = await kp.DowngradeAsync(new PackageOptions { DryRun = true }, "1-1.el9_2");

        Assert.Equal((OperationOutcome.Planned, OperationOutcome.Planned), (remove.Outcome, downgrade.Outcome));
        Assert.Equal([.. DnfBase, "remove", $"kpatch-patch = {Release}"], remove.Commands.Single().Arguments);
        Assert.Equal([.. DnfBase, "downgrade", $"{Name}-1-1.el9_2.x86_64"], downgrade.Commands.Single().Arguments);
        Assert.StartsWith($"would downgrade {Name} 1-3.el9_2; the running kernel is unchanged", downgrade.Detail, StringComparison.Ordinal);
        Assert.Empty(DnfRuns(host));
        Assert.Empty(host.LocksTaken);
        Assert.Empty(host.Writes);
        Assert.Equal(EntryKind.Missing, host.GetEntryKind(JournalFile));
    }

    [Fact]
    public async Task A_scripts_dry_run_facade_turns_remove_and_downgrade_into_plans_and_prints_them()
    {
        var host = Host();
        using var output = new StringWriter();
        var kp = new DryRunFacade(Facade(host), output);

        var remove = await kp.RemoveAsync();
        var downgrade = await kp.DowngradeAsync();

        Assert.Equal((OperationOutcome.Planned, OperationOutcome.Planned), (remove.Outcome, downgrade.Outcome));
        Assert.Empty(DnfRuns(host));
        Assert.Empty(host.LocksTaken);
        var printed = output.ToString().ReplaceLineEndings("\n");
        Assert.StartsWith(
            $"dry run: remove on ssh://root@rhel9:22 would:\n  dnf --setopt=skip_if_unavailable=False --assumeyes remove 'kpatch-patch = {Release}'\n  would remove {Name} 1-3.el9_2; the running kernel is unchanged",
            printed, StringComparison.Ordinal);
        Assert.Contains($"dry run: downgrade on ssh://root@rhel9:22 would:\n  dnf --setopt=skip_if_unavailable=False --assumeyes downgrade 'kpatch-patch = {Release}'\n", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("downgrade")]
    public async Task Nothing_installed_for_the_kernel_fails_in_one_line_before_the_lock_and_dnf(string operation)
    {
        var host = Host(installed: null);
        var kp = Facade(host);

        var result = operation == "remove" ? await kp.RemoveAsync() : await kp.DowngradeAsync();

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal($"no kpatch-patch package is installed for {Release}: there is nothing to {operation}; 'kpatch-script status' lists the installed ones", result.Error);
        Assert.Empty(DnfRuns(host));
        Assert.Empty(host.LocksTaken);
        Assert.Equal(EntryKind.Missing, host.GetEntryKind(JournalFile));
    }

    [Fact]
    public async Task A_failing_dnf_is_quoted_by_its_first_error_line_and_journaled_as_failed()
    {
        var host = Host(dnf: new CommandResult(1, "Running transaction check\n", "Error: Transaction test error:\n  file /usr/lib/kpatch conflicts\n"));

        var result = await Facade(host).RemoveAsync();

        Assert.Equal("dnf remove failed with exit code 1: Error: Transaction test error:", result.Error);
        Assert.Equal(["started", "failed"], Journal(host).Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(result.Error, Journal(host)[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Nothing_to_do_from_dnf_downgrade_means_nothing_older_and_fails()
    {
        var host = Host(dnf: new CommandResult(0, "Dependencies resolved.\nNothing to do.\nComplete!\n", $"Package {Name} of lowest version already installed, cannot downgrade it.\n"));

        var result = await Facade(host).DowngradeAsync();

        Assert.Equal($"dnf downgrade: nothing older than {Name} 1-3.el9_2 is in the enabled repositories: there is nothing to downgrade to; nothing was changed", result.Error);
        Assert.Equal("failed", Journal(host)[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_held_lock_fails_naming_its_holder_and_runs_no_dnf()
    {
        var host = Host().WithLockHeld(Lock, "pid 41 of alice on admin1");

        var result = await Facade(host).DowngradeAsync();

        Assert.StartsWith("another kpatch-script operation (pid 41 of alice on admin1) holds /run/lock/kpatch-script.lock on ssh://root@rhel9:22", result.Error, StringComparison.Ordinal);
        Assert.Empty(DnfRuns(host));
    }
}
