using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Loading;

/// <summary>load --all and unload --all: kpatch's order, its stop at the first failure, the acknowledgement, and dry runs that change nothing.</summary>
public sealed class AllPatchesTests : IDisposable
{
    private const string Installed = "/var/lib/kpatch/" + LabHosts.Release;
    private const string Shipped = "/usr/lib/kpatch/" + LabHosts.Release;
    private readonly string _state = Directory.CreateTempSubdirectory("kps-all-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private KpatchSettings Settings => new() { StateDirectory = _state, TransitionThreshold = TimeSpan.FromSeconds(30) };

    private static string Module(string name) =>
        "\x7f" + $"ELF\0license=GPL\0livepatch=Y\0name={name}\0vermagic={LabHosts.Release} SMP preempt mod_unload modversions \0";

    /// <summary>A kernel with three installed modules (kpatch_b in both directories) and an insmod that registers each settled, or fails for <paramref name="failing"/>.</summary>
    private static FakeHostSystem Host(string? failing = null)
    {
        var host = LabHosts.Kernel()
            .WithFile($"{Installed}/kpatch-b.ko", Module("kpatch_b"))
            .WithFile($"{Installed}/kpatch-a.ko", Module("kpatch_a"))
            .WithFile($"{Installed}/notes.txt", "not a module")
            .WithFile($"{Shipped}/kpatch-b.ko", Module("kpatch_b"))
            .WithFile($"{Shipped}/kpatch-c.ko", Module("kpatch_c"));
        host.WithCommand("insmod", spec =>
        {
            var name = Path.GetFileNameWithoutExtension(spec.Arguments[1]).Replace('-', '_');
            if (name == failing)
            {
                return new CommandResult(1, "", $"insmod: ERROR: could not insert module {spec.Arguments[1]}: Invalid module format\n");
            }

            host.WithFile($"/sys/kernel/livepatch/{name}/enabled", "1\n").WithFile($"/sys/kernel/livepatch/{name}/transition", "0\n").WithDirectory($"/sys/module/{name}");
            return new CommandResult(0, "", "");
        });
        host.WithCommand("rmmod", spec =>
        {
            host.Without($"/sys/module/{spec.Arguments[1]}");
            return new CommandResult(0, "", "");
        });
        return host;
    }

    [Fact]
    public async Task Load_all_loads_every_installed_module_once_in_file_order_var_lib_first()
    {
        var host = Host();

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("load --all", result.Operation);
        Assert.Equal(
            [["insmod", $"{Installed}/kpatch-a.ko"], ["insmod", $"{Installed}/kpatch-b.ko"], ["insmod", $"{Shipped}/kpatch-c.ko"]],
            host.Commands.Where(c => c.Mutates).Select(c => c.Arguments.ToArray()));
        Assert.Contains("3 module(s)", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_all_stops_at_the_first_failure_and_names_what_was_not_tried()
    {
        var host = Host(failing: "kpatch_b");

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync();

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal(2, host.Commands.Count(c => c.Mutates));
        Assert.Contains("invalid module format", result.Error, StringComparison.Ordinal);
        Assert.Contains($"({Installed}/kpatch-a.ko done before it)", result.Error, StringComparison.Ordinal);
        Assert.EndsWith($"not tried: {Shipped}/kpatch-c.ko", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_all_dry_run_plans_every_module_and_changes_nothing()
    {
        var host = Host();

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync(new LoadOptions { DryRun = true });

        Assert.Equal(OperationOutcome.Planned, result.Outcome);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
        Assert.Empty(host.Writes);
        Assert.Empty(host.LocksTaken);
        Assert.Contains(result.Plan, step => step.StartsWith($"{Shipped}/kpatch-c.ko: load it: insmod", StringComparison.Ordinal));
        Assert.Equal(3, result.Commands.Count);
    }

    [Fact]
    public async Task A_script_dry_run_facade_makes_load_all_a_dry_run()
    {
        var host = Host();
        var output = new StringWriter();

        var result = await new ScriptRuns.DryRunFacade(new KpatchFacade(host, new SteppingTimeProvider(), Settings), output).LoadAllAsync();

        Assert.Equal(OperationOutcome.Planned, result.Outcome);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
        Assert.StartsWith($"dry run: load --all on fake would:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_all_with_nothing_installed_is_unchanged_and_says_where_it_looked()
    {
        var host = LabHosts.Kernel();

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync();

        Assert.Equal(OperationOutcome.Unchanged, result.Outcome);
        Assert.Equal($"no patch module is installed for {LabHosts.Release} (in {Installed} or {Shipped})", result.Detail);
        Assert.Empty(host.Commands);
    }

    [Fact]
    public async Task Load_all_without_a_readable_running_kernel_fails_instead_of_loading_nothing()
    {
        var host = Host().Without("/proc/sys/kernel/osrelease");

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync();

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith("cannot tell which modules are installed for the running kernel: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_all_with_an_unreadable_module_directory_fails_instead_of_finding_nothing()
    {
        var host = Host().WithFailure(Installed, new UnauthorizedAccessException($"Access to the path '{Installed}' is denied."));

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync();

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith("cannot tell which modules are installed for the running kernel: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Commands, c => c.Mutates);
    }

    [Fact]
    public async Task Unload_all_without_the_acknowledgement_changes_nothing()
    {
        var host = Host();
        await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync();
        var commands = host.Commands.Count;

        var result = await new KpatchFacade(host, new SteppingTimeProvider(), Settings).UnloadAllAsync(RevertAcknowledgement.None);

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Contains("KB 2206511", result.Error, StringComparison.Ordinal);
        Assert.Equal(commands, host.Commands.Count);
        Assert.Equal("1\n", host.ReadFile("/sys/kernel/livepatch/kpatch_a/enabled"));
    }

    [Fact]
    public async Task Unload_all_reverts_the_newest_first_by_stack_order_and_its_dry_run_writes_nothing()
    {
        var host = Host();
        await new KpatchFacade(host, new SteppingTimeProvider(), Settings).LoadAllAsync();
        host.WithFile("/sys/kernel/livepatch/kpatch_a/stack_order", "2\n").WithFile("/sys/kernel/livepatch/kpatch_b/stack_order", "3\n").WithFile("/sys/kernel/livepatch/kpatch_c/stack_order", "1\n");
        var facade = new KpatchFacade(host, new SteppingTimeProvider(), Settings);

        var dry = await facade.UnloadAllAsync(RevertAcknowledgement.RevertingWithoutRebootIsUnsupported, new UnloadOptions { DryRun = true });

        Assert.Equal(OperationOutcome.Planned, dry.Outcome);
        Assert.Empty(host.Writes);
        Assert.Equal(["kpatch_b", "kpatch_a", "kpatch_c"], dry.Commands.Select(c => c.Arguments[1]));

        var result = await facade.UnloadAllAsync(RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["kpatch_b", "kpatch_a", "kpatch_c"], host.Writes.Select(w => w.Path.Split('/')[4]));
        Assert.All(host.Writes, w => Assert.Equal("0", w.Content));
        Assert.Equal(["kpatch_b", "kpatch_a", "kpatch_c"], host.Commands.Where(c => c.Program == "rmmod").Select(c => c.Arguments[1]));
    }

    [Fact]
    public async Task Unload_all_with_nothing_loaded_is_unchanged()
    {
        var result = await new KpatchFacade(LabHosts.Kernel(), new SteppingTimeProvider(), Settings).UnloadAllAsync(RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);

        Assert.Equal(OperationOutcome.Unchanged, result.Outcome);
        Assert.Equal("no live patch is loaded", result.Detail);
    }
}
