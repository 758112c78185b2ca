using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Loading;

public sealed class PatchUnloaderTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("kps-unload-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    /// <summary>The journal on the target (a fake lab host): a target other than local keeps it under its own /, whatever state_directory says.</summary>
    private static string Journal => OperationPaths.For("/").JournalFile;

    private KpatchSettings Settings => new() { StateDirectory = _state, TransitionThreshold = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Without_the_acknowledgement_it_is_refused_and_nothing_changes()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithLoadedPatch();

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).UnloadAsync(LabHosts.Patch, RevertAcknowledgement.None);

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith("cannot unload kpatch_lab: Red Hat does not support reverting a live patch without a reboot (KB 2206511)", result.Error, StringComparison.Ordinal);
        Assert.Contains("--i-understand-this-is-unsupported", result.Error, StringComparison.Ordinal);
        Assert.Empty(host.Writes);
        Assert.Empty(host.Commands);
        Assert.Equal(EntryKind.Missing, host.GetEntryKind(Journal));
        Assert.False(Directory.Exists(Path.Combine(_state, "var")));
    }

    [Fact]
    public async Task With_it_the_patch_is_disabled_waited_for_and_its_module_removed()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithLoadedPatch();
        // The kernel removes the directory when unpatching completes (5.1+).
        var clock = LabHosts.TransitionEndsAfter(host, TimeSpan.FromSeconds(1), h => h.Without(LabHosts.PatchDir));

        var result = await new KpatchFacade(host, clock, Settings).UnloadAsync(LabHosts.Patch, RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([($"{LabHosts.PatchDir}/enabled", "0")], host.Writes);
        Assert.Equal(["rmmod", LabHosts.Patch], Assert.Single(host.Commands, c => c.Mutates).Arguments);
        Assert.Contains("\"operation\":\"unload\"", host.ReadFile(Journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ko_path_is_turned_into_the_module_name_from_its_modinfo()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithLoadedPatch();
        var clock = LabHosts.TransitionEndsAfter(host, TimeSpan.Zero, h => h.Without(LabHosts.PatchDir));

        var result = await new KpatchFacade(host, clock, Settings).UnloadAsync(LabHosts.ModulePath, RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["rmmod", LabHosts.Patch], Assert.Single(host.Commands, c => c.Mutates).Arguments);
    }

    [Fact]
    public async Task A_patch_that_was_replaced_only_has_its_module_removed()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithDirectory($"/sys/module/{LabHosts.Patch}");

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).UnloadAsync(LabHosts.Patch, RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(host.Writes);
        Assert.Equal(["rmmod", LabHosts.Patch], Assert.Single(host.Commands, c => c.Mutates).Arguments);
    }

    [Fact]
    public async Task A_patch_that_is_not_loaded_is_refused()
    {
        var host = LabHosts.Kernel().WithModuleCommands();

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).UnloadAsync("kpatch-lab", RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);

        Assert.Equal("cannot unload kpatch-lab: kpatch_lab is not loaded (no /sys/kernel/livepatch/kpatch_lab, no /sys/module/kpatch_lab)", result.Error);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
    }

    [Fact]
    public async Task A_stalled_unpatching_transition_names_the_task_and_keeps_the_module()
    {
        // A task still runs the patched code (patch_state 1) while the patch goes back to 0.
        var host = LabHosts.Kernel().WithModuleCommands().WithLoadedPatch().WithStalledTask(oldState: 1).WithFile($"{LabHosts.PatchDir}/transition", "1\n");
        var clock = new SteppingTimeProvider();

        var result = await new KpatchFacade(host, clock, Settings).UnloadAsync(LabHosts.Patch, RevertAcknowledgement.RevertingWithoutRebootIsUnsupported, new UnloadOptions { TransitionTimeout = TimeSpan.FromSeconds(5) });

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Contains("waiting for lab_stall (pid 77, tid 77)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
    }

    [Fact]
    public async Task A_dry_run_lists_the_steps()
    {
        var host = LabHosts.Kernel().WithModuleCommands().WithLoadedPatch();

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).UnloadAsync(LabHosts.Patch, RevertAcknowledgement.RevertingWithoutRebootIsUnsupported, new UnloadOptions { DryRun = true });

        Assert.Equal(OperationOutcome.Planned, result.Outcome);
        Assert.Equal(["disable it: write 0 to /sys/kernel/livepatch/kpatch_lab/enabled", "wait up to 30 s for the unpatching transition", "remove the module: rmmod kpatch_lab"], result.Plan);
        Assert.Empty(host.Writes);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
    }
}
