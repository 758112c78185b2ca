using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.Serialization;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Lab.Tests;

/// <summary>
/// The scenarios against a real kernel: each boots its own guest, acts through the
/// product (CLI in-process, or the facade) over the ssh target, and checks what the product
/// reports against what the kernel shows, read directly in the guest.
/// </summary>
public sealed class LabScenarioTests(ITestOutputHelper output)
{
    private static readonly string Cmdline = LabModules.ModuleName(LabModules.Cmdline);
    private static readonly string Second = LabModules.ModuleName(LabModules.Second);
    private static readonly string Replace = LabModules.ModuleName(LabModules.Replace);

    [Fact]
    public void Load_changes_the_behaviour_and_verify_is_ok_while_a_module_for_another_kernel_is_refused()
    {
        using var session = new LabSession(TimeSpan.FromSeconds(20));
        var bootCmdline = session.Cmdline;

        var other = session.Cli("load", KernelLab.ModulePath(LabModules.OtherKernel));

        Assert.Equal(1, other.ExitCode);
        var otherPath = KernelLab.ModulePath(LabModules.OtherKernel);
        Assert.Equal(
            $"kpatch-script: error: cannot load {otherPath}: {otherPath} is built for kernel {session.Lab.Build.OtherKernelRelease}, but {session.Lab.KernelRelease} is running: " +
            $"install the patch built for {session.Lab.KernelRelease} ('kpatch-script available' lists it)\n",
            other.Error);
        Assert.False(session.ModuleLoaded(Cmdline));
        Assert.Equal(bootCmdline, session.Cmdline);

        var load = session.Cli("load", KernelLab.ModulePath(LabModules.Cmdline));

        Assert.Equal((0, ""), (load.ExitCode, load.Error));
        Assert.Equal(LabModules.CmdlineMarker + "\n", session.Cmdline);
        var verify = session.Cli("verify", "--nagios");
        output.WriteLine(verify.Out);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("KPATCH OK - ", verify.Out, StringComparison.Ordinal);
        Assert.Contains(" is covered: 1 live patch(es) enabled", verify.Out, StringComparison.Ordinal);
        AssertVerdictEverywhere(session, "covered", 0);
        var status = JsonDocument.Parse(session.Cli("status", "--json").Out).RootElement.GetProperty("livepatch");
        var patch = Assert.Single(status.GetProperty("patches").EnumerateArray());
        Assert.Equal((Cmdline, true, false), (patch.GetProperty("name").GetString(), patch.GetProperty("enabled").GetBoolean(), patch.GetProperty("transition").GetBoolean()));
        Assert.True(status.GetProperty("taint_livepatch").GetBoolean());
        AssertCaptureMatches(session, "lab-loaded");
        // The lock and the journal are the guest's, not this machine's state_directory's.
        Assert.Contains("\"operation\":\"load\"", session.Host.ReadFile("/" + OperationPaths.JournalRelative), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(session.State, OperationPaths.JournalRelative)));
        var journal = JsonDocument.Parse(session.Cli("journal", "--json").Out).RootElement;
        Assert.Equal(("load", "succeeded"), (journal.GetProperty("entries")[0].GetProperty("operation").GetString(), journal.GetProperty("entries")[0].GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_stalled_transition_is_critical_naming_the_blocked_task_then_ok_once_it_is_released()
    {
        using var session = new LabSession(TimeSpan.FromSeconds(4));
        session.Lab.GuestRun("insmod", KernelLab.ModulePath(LabModules.StallTarget));
        var stallPatch = LabModules.StallPatch;

        var load = await session.Facade.LoadAsync(KernelLab.ModulePath(stallPatch));

        Assert.Equal(OperationOutcome.Failed, load.Outcome);
        output.WriteLine(load.Error);
        var pid = StalledPid(session);
        Assert.StartsWith($"the transition of {stallPatch} did not finish in 4 s; waiting for lab_stall (pid {pid}, tid {pid}) in lab_stall_wait+", load.Error, StringComparison.Ordinal);
        Assert.Equal("1\n", session.Lab.GuestRun("cat", $"/sys/kernel/livepatch/{stallPatch}/transition"));

        var stalled = session.Cli("verify", "--nagios");

        output.WriteLine(stalled.Out);
        Assert.Equal(2, stalled.ExitCode);
        Assert.StartsWith($"KPATCH CRITICAL - {session.Target} is not covered: Verification failed: transition: {stallPatch} still in transition after 4 s; waiting for lab_stall (pid {pid}, tid {pid}) in lab_stall_wait+", stalled.Out, StringComparison.Ordinal);
        // status, report and alerts judge the transition as it is (not watched): the same verdict.
        AssertVerdictEverywhere(session, "not covered", 2);
        var capture = AssertCaptureMatches(session, "lab-stalled");
        var task = Path.Combine(capture, "proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "task", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("lab_stall_wait", File.ReadAllText(Path.Combine(task, "stack")), StringComparison.Ordinal);
        Directory.Delete(capture, recursive: true);

        session.Host.WriteFile("/sys/module/lab_stall_target/parameters/release", "1");
        // The kernel retries the transition every second; a busy CI machine slows the guest, so
        // wait for the kernel (not for the product) before asking verify again.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (session.Lab.GuestRun("cat", $"/sys/kernel/livepatch/{stallPatch}/transition") != "0\n" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(250);
        }

        var released = session.Cli("verify", "--nagios");

        output.WriteLine(released.Out);
        Assert.Equal(0, released.ExitCode);
        Assert.Equal("0\n", session.Lab.GuestRun("cat", $"/sys/kernel/livepatch/{stallPatch}/transition"));
    }

    [Fact]
    public async Task Unload_is_refused_without_the_acknowledgement_and_with_it_restores_the_behaviour()
    {
        using var session = new LabSession(TimeSpan.FromSeconds(20));
        var bootCmdline = session.Cmdline;
        Assert.True((await session.Facade.LoadAsync(KernelLab.ModulePath(LabModules.Cmdline))).Succeeded);

        var refused = session.Cli("unload", Cmdline);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Red Hat does not support reverting a live patch without a reboot", refused.Error, StringComparison.Ordinal);
        Assert.True(session.PatchDirectoryExists(Cmdline));
        Assert.Equal(LabModules.CmdlineMarker + "\n", session.Cmdline);

        var unload = session.Cli("unload", Cmdline, "--i-understand-this-is-unsupported");

        Assert.Equal((0, ""), (unload.ExitCode, unload.Error));
        Assert.False(session.PatchDirectoryExists(Cmdline));
        Assert.False(session.ModuleLoaded(Cmdline));
        Assert.Equal(bootCmdline, session.Cmdline);
        var status = JsonDocument.Parse(session.Cli("status", "--json").Out).RootElement.GetProperty("livepatch");
        Assert.Empty(status.GetProperty("patches").EnumerateArray());
        // Nothing loaded and nothing installed for this kernel any more: clean checks, but no cover.
        var verify = session.Cli("verify", "--nagios");
        Assert.Equal(2, verify.ExitCode);
        Assert.Contains(" is not covered: No live patch is loaded, and no patch module is installed for ", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cumulative_replace_patch_removes_the_patches_it_replaces_and_status_shows_one()
    {
        using var session = new LabSession(TimeSpan.FromSeconds(20));
        foreach (var module in new[] { LabModules.Cmdline, LabModules.Second })
        {
            var load = session.Cli("load", KernelLab.ModulePath(module));
            Assert.Equal((0, ""), (load.ExitCode, load.Error));
        }

        // Stacked: the patch loaded last wins.
        Assert.Equal(LabModules.SecondMarker + "\n", session.Cmdline);
        Assert.Equal([Second, Cmdline], Patches(session)); // by name, as the kernel lists them
        Directory.Delete(AssertCaptureMatches(session, "lab-stacked"), recursive: true);

        var replace = session.Cli("load", KernelLab.ModulePath(LabModules.Replace));

        Assert.Equal((0, ""), (replace.ExitCode, replace.Error));
        Assert.Equal(LabModules.ReplaceMarker + "\n", session.Cmdline);
        Assert.False(session.PatchDirectoryExists(Cmdline));
        Assert.False(session.PatchDirectoryExists(Second));
        Assert.Equal([Replace], Patches(session));
        var inactive = JsonDocument.Parse(session.Cli("status", "--json").Out).RootElement.GetProperty("livepatch").GetProperty("inactive_modules")
            .EnumerateArray().Select(m => m.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Second, Cmdline], inactive);
        AssertVerdictEverywhere(session, "covered", 0);
        Directory.Delete(AssertCaptureMatches(session, "lab-replaced"), recursive: true);

        // A replaced patch only has its module left; unloading it removes just that.
        var unload = session.Cli("unload", Cmdline, "--i-understand-this-is-unsupported");

        Assert.Equal((0, ""), (unload.ExitCode, unload.Error));
        Assert.False(session.ModuleLoaded(Cmdline));
        Assert.Equal(LabModules.ReplaceMarker + "\n", session.Cmdline);
    }

    [Fact]
    public void Load_all_loads_the_installed_modules_info_tells_their_signatures_verify_warns_and_unload_all_reverts_them()
    {
        using var session = new LabSession(TimeSpan.FromSeconds(20), acceptOwnBuilds: false);
        var bootCmdline = session.Cmdline;
        var installed = $"/var/lib/kpatch/{session.Lab.KernelRelease}";
        session.Lab.GuestRun("mkdir", "-p", installed);
        foreach (var stem in new[] { LabModules.Cmdline, LabModules.Second })
        {
            session.Lab.GuestRun("cp", KernelLab.ModulePath(stem), $"{installed}/{stem}.ko");
        }

        // Installed, not loaded: the signature as the target's kmod modinfo reads it; the kernel has not checked it yet.
        var signed = Info(session, Cmdline);
        output.WriteLine(signed.ToString());
        Assert.Equal(($"{installed}/{LabModules.Cmdline}.ko", true, false, "not-checked"), (signed.GetProperty("path").GetString(), signed.GetProperty("installed").GetBoolean(), signed.GetProperty("loaded").GetBoolean(), signed.GetProperty("signature").GetProperty("state").GetString()));
        Assert.Contains(KernelLabBuild.SigningKeyName, signed.GetProperty("signature").GetProperty("signer").GetString(), StringComparison.Ordinal);
        Assert.Equal(Hex(session.Lab.Build.SigningKeySerial), Hex(signed.GetProperty("signature").GetProperty("key_id").GetString()!));
        Assert.Equal("sha256", signed.GetProperty("signature").GetProperty("hash_algorithm").GetString());
        Assert.Contains(signed.GetProperty("modinfo").EnumerateArray(), f => f.GetProperty("key").GetString() == "vermagic" && f.GetProperty("value").GetString()!.StartsWith(session.Lab.KernelRelease + " ", StringComparison.Ordinal));
        Assert.Equal("unsigned", Info(session, Second).GetProperty("signature").GetProperty("state").GetString());

        var load = session.Cli("load", "--all");

        Assert.Equal((0, ""), (load.ExitCode, load.Error));
        Assert.Equal([Second, Cmdline], Patches(session));
        // kpatch's glob order: kpatch-lab-second.ko, then lab_cmdline.ko, which stacks on it and wins.
        Assert.Equal(LabModules.CmdlineMarker + "\n", session.Cmdline);

        // Loaded: the kernel's word. It tainted both E (its keyrings lack the lab's key); info shows the letters /proc/modules shows.
        var loaded = Info(session, Cmdline);
        var guestTaint = session.Lab.GuestRun("cat", "/proc/modules").Split('\n').Single(l => l.StartsWith(Cmdline + " ", StringComparison.Ordinal)).Split(' ')[^1].Trim('(', ')');
        Assert.Contains('E', guestTaint);
        Assert.Equal((guestTaint, "untrusted", "enabled"), (loaded.GetProperty("taint").GetString(), loaded.GetProperty("signature").GetProperty("state").GetString(), loaded.GetProperty("patch").GetProperty("state").GetString()));
        var patched = loaded.GetProperty("patch").GetProperty("objects")[0];
        Assert.Equal(("vmlinux", "cmdline_proc_show"), (patched.GetProperty("name").GetString(), patched.GetProperty("functions")[0].GetProperty("name").GetString()));
        var text = session.Cli("info", Cmdline);
        output.WriteLine(text.Out);
        Assert.Contains($"signature:    untrusted: {Cmdline} is signed, but the kernel marked it E when it loaded it: the key is not one the kernel trusts", text.Out, StringComparison.Ordinal);

        var verify = session.Cli("verify", "--json");

        Assert.Equal(1, verify.ExitCode);
        var verdict = JsonDocument.Parse(verify.Out).RootElement.GetProperty("verdict");
        Assert.Equal("action needed", verdict.GetProperty("state").GetString());
        var reason = verdict.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "check-warned:module-signature").GetProperty("text").GetString();
        output.WriteLine(reason);
        Assert.Contains($"{Cmdline} is signed, but the kernel marked it E when it loaded it", reason, StringComparison.Ordinal);
        Assert.Contains($"{Second} is not signed; the kernel marked it E", reason, StringComparison.Ordinal);
        AssertVerdictEverywhere(session, "action needed", 1);

        var refused = session.Cli("unload", "--all");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Red Hat does not support reverting a live patch without a reboot", refused.Error, StringComparison.Ordinal);
        Assert.Equal([Second, Cmdline], Patches(session));

        var unload = session.Cli("unload", "--all", "--i-understand-this-is-unsupported");

        Assert.Equal((0, ""), (unload.ExitCode, unload.Error));
        Assert.Empty(Patches(session));
        Assert.False(session.ModuleLoaded(Cmdline));
        Assert.False(session.ModuleLoaded(Second));
        Assert.Equal(bootCmdline, session.Cmdline);
        var journal = JsonDocument.Parse(session.Cli("journal", "--json").Out).RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("operation").GetString(), e.GetProperty("outcome").GetString())).ToList();
        Assert.Equal([("unload", "succeeded"), ("unload", "succeeded"), ("load", "succeeded"), ("load", "succeeded")], journal);
    }

    private static JsonElement Info(LabSession session, string module)
    {
        var info = session.Cli("info", module, "--json");
        Assert.True(info.ExitCode == 0, info.Error);
        Assert.Empty(JsonSchemaFile.ModuleInfo.Errors(info.Out));
        return JsonDocument.Parse(info.Out).RootElement;
    }

    /// <summary>A serial number as hex digits only, without colons or leading zeros, upper case.</summary>
    private static string Hex(string serial) => serial.Replace(":", "", StringComparison.Ordinal).TrimStart('0').ToUpperInvariant();

    /// <summary>status, verify, report, alerts (JSON) and the Prometheus textfile say <paramref name="state"/>, and verify --nagios exits with its code.</summary>
    private static void AssertVerdictEverywhere(LabSession session, string state, int nagiosExitCode)
    {
        var (states, exitCode) = session.VerdictEverywhere();
        Assert.Equal([state, state, state, state, state], states);
        Assert.Equal(nagiosExitCode, exitCode);
    }

    private static List<string> Patches(LabSession session) =>
        JsonDocument.Parse(session.Cli("status", "--json").Out).RootElement.GetProperty("livepatch").GetProperty("patches")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();

    /// <summary>The pid of the lab_stall kthread, read in the guest.</summary>
    private static int StalledPid(LabSession session)
    {
        var line = session.Lab.GuestRun("sh", "-c", "grep -l '^lab_stall$' /proc/[0-9]*/comm").Trim();
        return int.Parse(line.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Captures the guest, holds the capture against its fixture, and checks that the product reads
    /// the capture as it read the live kernel: the livepatch part of status, over ssh and over sysroot.
    /// </summary>
    private static string AssertCaptureMatches(LabSession session, string fixture)
    {
        var live = session.Facade.Detect();
        var capture = LabCaptures.CaptureAndCompare(session.Lab, fixture);
        var captured = new KpatchFacade(new SysrootHostSystem(capture), TimeProvider.System).Detect();
        Assert.Equal(LivepatchJson(live), LivepatchJson(captured));
        return capture;
    }

    private static string LivepatchJson(Status.HostStatus status) =>
        JsonDocument.Parse(StatusJson.Serialize(status)).RootElement.GetProperty("livepatch").GetRawText();
}
