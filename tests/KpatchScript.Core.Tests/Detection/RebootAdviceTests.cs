using KpatchScript.Detection;
using KpatchScript.Status;

namespace KpatchScript.Core.Tests.Detection;

/// <summary>Reboot advice in its three states, and unknown wherever one of its inputs is: never "no" by default.</summary>
public sealed class RebootAdviceTests
{
    private const string Old = "5.14.0-284.11.1.el9_2.x86_64";
    private const string New = "5.14.0-362.8.1.el9_3.x86_64";

    private static LivepatchPatch Patch(string name, Reading<bool> enabled) =>
        new(name, "enabled", enabled, Reading.Known(false), null, null, Reading.Known<IReadOnlyList<LivepatchObject>>([]));

    private static Reading<IReadOnlyList<LivepatchPatch>> Patches(params LivepatchPatch[] patches) => Reading.Known<IReadOnlyList<LivepatchPatch>>(patches);

    private static (RebootNeed? Need, string Text) Advise(Reading<string> running, Reading<string> newest, Reading<IReadOnlyList<LivepatchPatch>> patches)
    {
        var advice = RebootAdvisor.Advise(running, newest, patches);
        return advice.IsKnown ? (advice.Value!.Advice, advice.Value.Reason) : (null, advice.UnknownReason!);
    }

    [Fact]
    public void The_newest_kernel_running_needs_no_reboot()
    {
        Assert.Equal((RebootNeed.No, $"the newest installed kernel {New} is running"), Advise(Reading.Known(New), Reading.Known(New), Patches()));
    }

    [Fact]
    public void A_running_kernel_newer_than_every_installed_one_needs_no_reboot()
    {
        Assert.Equal((RebootNeed.No, $"the running kernel {New} is newer than every installed kernel"), Advise(Reading.Known(New), Reading.Known(Old), Patches()));
    }

    [Fact]
    public void A_newer_kernel_installed_without_a_live_patch_enabled_needs_a_reboot()
    {
        var disabled = Patches(Patch("kpatch_off", Reading.Known(false)), Patch("kpatch_unknown", Reading.Unknown<bool>("unreadable")));

        Assert.Equal((RebootNeed.Yes, $"kernel {New} is installed but {Old} is running, with no live patch"), Advise(Reading.Known(Old), Reading.Known(New), disabled));
        Assert.Equal(RebootNeed.Yes, Advise(Reading.Known(Old), Reading.Known(New), Patches()).Need);
    }

    [Fact]
    public void A_newer_kernel_installed_with_live_patches_enabled_needs_a_reboot_at_the_next_window_naming_them()
    {
        var patches = Patches(Patch("kpatch_a", Reading.Known(true)), Patch("kpatch_off", Reading.Known(false)), Patch("kpatch_b", Reading.Known(true)));

        Assert.Equal(
            (RebootNeed.YesButLivePatched, $"kernel {New} is installed but {Old} is running; live patches (kpatch_a, kpatch_b) cover it until the reboot"),
            Advise(Reading.Known(Old), Reading.Known(New), patches));
    }

    [Fact]
    public void Any_unknown_input_leaves_the_advice_unknown_with_its_reason()
    {
        Assert.Equal((null, "the running kernel is unknown: no osrelease"), Advise(Reading.Unknown<string>("no osrelease"), Reading.Known(New), Patches()));
        Assert.Equal((null, "the newest installed kernel is unknown: rpm failed"), Advise(Reading.Known(Old), Reading.Unknown<string>("rpm failed"), Patches()));
        Assert.Equal(
            (null, $"kernel {New} is installed but not running, and whether live patches cover the running kernel is unknown: sysfs unreadable"),
            Advise(Reading.Known(Old), Reading.Known(New), Reading.Unknown<IReadOnlyList<LivepatchPatch>>("sysfs unreadable")));
    }

    [Fact]
    public void Unknown_patches_do_not_matter_when_the_newest_kernel_runs()
    {
        Assert.Equal(RebootNeed.No, Advise(Reading.Known(New), Reading.Known(New), Reading.Unknown<IReadOnlyList<LivepatchPatch>>("x")).Need);
    }
}
