using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Loading;

public sealed class PatchLoaderTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("kps-load-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    /// <summary>The journal on the target (a fake lab host): a target other than local keeps it under its own /, whatever state_directory says.</summary>
    private static string Journal => OperationPaths.For("/").JournalFile;

    private KpatchSettings Settings => new() { StateDirectory = _state, TransitionThreshold = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Without_the_kpatch_cli_it_runs_insmod_and_waits_for_the_transition()
    {
        var host = LabHosts.Kernel().WithModuleCommands();
        var clock = LabHosts.TransitionEndsAfter(host, TimeSpan.FromSeconds(2), h => h.WithFile($"{LabHosts.PatchDir}/transition", "0\n"));

        var result = await new KpatchFacade(host, clock, Settings).LoadAsync(LabHosts.ModulePath);

        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.Null(result.Error);
        Assert.Equal(["insmod", LabHosts.ModulePath], Assert.Single(host.Commands, c => c.Mutates).Arguments);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        var journal = host.ReadFile(Journal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("\"outcome\":\"started\"", journal[0], StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"succeeded\"", journal[1], StringComparison.Ordinal);
        Assert.Contains("\"operation\":\"load\"", journal[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_kpatch_cli_it_runs_kpatch_load()
    {
        var host = LabHosts.Kernel().WithFile("/usr/sbin/kpatch", "#!/bin/bash\nVERSION=\"0.9.10\"\n");
        host.WithCommand("/usr/sbin/kpatch", spec =>
        {
            host.WithLoadedPatch();
            return new CommandResult(0, $"loading patch module: {LabHosts.ModulePath}\n", "");
        });

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(LabHosts.ModulePath);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["/usr/sbin/kpatch", "load", LabHosts.ModulePath], Assert.Single(host.Commands, c => c.Mutates).Arguments);
    }

    [Fact]
    public async Task A_module_built_for_another_kernel_is_refused_before_anything_runs()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithFile(LabHosts.ModulePath, LabHosts.ModuleFile("6.1.0-99-amd64"));

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(LabHosts.ModulePath);

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal($"cannot load {LabHosts.ModulePath}: {LabHosts.ModulePath} is built for kernel 6.1.0-99-amd64, but {LabHosts.Release} is running: install the patch built for {LabHosts.Release} ('kpatch-script available' lists it)", result.Error);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
        Assert.Equal(EntryKind.Missing, host.GetEntryKind(Journal));
    }

    [Theory]
    [InlineData("not-livepatch", "is not a live patch module")]
    [InlineData("missing", "/lab/kpatch-lab.ko does not exist")]
    [InlineData("relative", "is not an absolute path")]
    [InlineData("not-a-module", "is not a kernel module (it has no vermagic)")]
    [InlineData("no-livepatch-kernel", "/sys/kernel/livepatch does not exist")]
    public async Task What_cannot_be_a_patch_for_this_kernel_is_refused_with_the_reason(string @case, string expected)
    {
        var host = LabHosts.Kernel().WithModuleCommands();
        var path = LabHosts.ModulePath;
        switch (@case)
        {
            case "not-livepatch": host.WithFile(path, LabHosts.ModuleFile(livepatch: false)); break;
            case "missing": host.Without(path); break;
            case "relative": path = "kpatch-lab.ko"; break;
            case "not-a-module": host.WithFile(path, "hello\n"); break;
            case "no-livepatch-kernel": host.Without("/sys/kernel/livepatch"); break;
        }

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(path);

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
    }

    [Fact]
    public async Task A_stalled_transition_fails_with_the_blocking_task_and_leaves_the_patch_loaded()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithStalledTask();
        var clock = new SteppingTimeProvider();

        var result = await new KpatchFacade(host, clock, Settings).LoadAsync(LabHosts.ModulePath, new LoadOptions { TransitionTimeout = TimeSpan.FromSeconds(10) });

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith("the transition of kpatch_lab did not finish in 10 s; waiting for lab_stall (pid 77, tid 77) in lab_stall_wait+0x2a/0x40 [lab_stall_target]; kpatch_lab stays loaded in transition", result.Error, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11));
        Assert.Empty(host.Writes);
        Assert.Equal("1\n", host.ReadFile($"{LabHosts.PatchDir}/transition"));
    }

    [Fact]
    public async Task Revert_on_stall_disables_the_patch_waits_and_removes_the_module()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithStalledTask();
        var disabled = false;
        var clock = new SteppingTimeProvider();
        clock.OnAdvance = _ =>
        {
            // The reverse transition completes at once: the stalled task never left the old code.
            if (!disabled && host.Writes.Any(w => w.Path == $"{LabHosts.PatchDir}/enabled" && w.Content == "0"))
            {
                disabled = true;
                host.Without(LabHosts.PatchDir);
            }
        };

        var result = await new KpatchFacade(host, clock, Settings).LoadAsync(LabHosts.ModulePath, new LoadOptions { TransitionTimeout = TimeSpan.FromSeconds(5), RevertOnStall = true });

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.EndsWith("the load was reversed and kpatch_lab removed", result.Error, StringComparison.Ordinal);
        Assert.Equal([["insmod", LabHosts.ModulePath], ["rmmod", LabHosts.Patch]], host.Commands.Where(c => c.Mutates).Select(c => c.Arguments.ToArray()));
    }

    [Fact]
    public async Task Insmod_is_retried_while_another_patch_is_in_transition()
    {
        var host = LabHosts.Kernel();
        var attempts = 0;
        host.WithCommand("insmod", _ =>
        {
            if (++attempts < 3)
            {
                return new CommandResult(1, "", "insmod: ERROR: could not insert module /lab/kpatch-lab.ko: Device or resource busy\n");
            }

            host.WithLoadedPatch();
            return new CommandResult(0, "", "");
        });

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(LabHosts.ModulePath);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, attempts);
    }

    [Theory]
    [InlineData("insmod: ERROR: could not insert module /lab/kpatch-lab.ko: Invalid module format", "invalid module format (built for another kernel or configuration")]
    [InlineData("insmod: ERROR: could not insert module /lab/kpatch-lab.ko: Key was rejected by service", "only loads modules signed with a trusted key")]
    [InlineData("insmod: can't insert '/lab/kpatch-lab.ko': Operation not permitted", "operation not permitted (run as root")]
    [InlineData("insmod: ERROR: could not insert module /lab/kpatch-lab.ko: Device or resource busy", "another live patch is in transition")]
    [InlineData("insmod: weird", "insmod /lab/kpatch-lab.ko failed: insmod: weird")]
    public async Task A_kernel_refusal_is_one_line_with_the_likely_cause(string stderr, string expected)
    {
        var host = LabHosts.Kernel().WithCommand("insmod", 1, "", stderr + "\n");

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(LabHosts.ModulePath);

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error!);
        Assert.Contains("\"outcome\":\"failed\"", host.ReadFile(Journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_lists_the_steps_and_changes_nothing()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithDirectory($"/sys/module/{LabHosts.Patch}");

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(LabHosts.ModulePath, new LoadOptions { DryRun = true });

        Assert.Equal(OperationOutcome.Planned, result.Outcome);
        Assert.Equal([["rmmod", LabHosts.Patch], ["insmod", LabHosts.ModulePath]], result.Commands.Select(c => c.Arguments.ToArray()));
        Assert.Equal(3, result.Plan.Count);
        Assert.StartsWith("remove the leftover disabled module: rmmod kpatch_lab", result.Plan[0], StringComparison.Ordinal);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
        Assert.Equal(EntryKind.Missing, host.GetEntryKind(Journal));
        Assert.False(Directory.Exists(Path.Combine(_state, "var")));
    }

    [Fact]
    public async Task Loading_a_patch_that_is_already_enabled_runs_nothing_and_succeeds()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithLoadedPatch();

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(LabHosts.ModulePath);

        Assert.True(result.Succeeded, result.Error);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
        Assert.Equal("kpatch_lab is already loaded and enabled", result.Plan[0]);
    }

    [Fact]
    public async Task Kernels_with_a_signal_attribute_get_their_stalled_tasks_signalled_once()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithStalledTask();
        host.WithCommand("insmod", _ =>
        {
            host.WithFile($"{LabHosts.PatchDir}/enabled", "1\n").WithFile($"{LabHosts.PatchDir}/transition", "1\n").WithFile($"{LabHosts.PatchDir}/signal", "");
            return new CommandResult(0, "", "");
        });
        var clock = LabHosts.TransitionEndsAfter(host, TimeSpan.FromSeconds(20), h => h.WithFile($"{LabHosts.PatchDir}/transition", "0\n"));

        var result = await new KpatchFacade(host, clock, Settings).LoadAsync(LabHosts.ModulePath);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([($"{LabHosts.PatchDir}/signal", "1")], host.Writes);
    }

    [Fact]
    public async Task A_read_only_target_is_refused()
    {
        var host = new FakeHostSystem("sysroot:/x", isReadOnly: true)
            .WithFile("/proc/sys/kernel/osrelease", LabHosts.Release + "\n").WithDirectory("/sys/kernel/livepatch").WithFile(LabHosts.ModulePath, LabHosts.ModuleFile());

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAsync(LabHosts.ModulePath);

        Assert.Equal("target sysroot:/x is read-only: load changes the host; use --dry-run to see the commands", result.Error);
    }
}
