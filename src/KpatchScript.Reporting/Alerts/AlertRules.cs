using KpatchScript.Alerts;
using KpatchScript.Status;
using KpatchScript.Verification;
using static KpatchScript.Reporting.Alerts.AlertRuleIds;

namespace KpatchScript.Reporting.Alerts;

/// <summary>
/// The alert rules over one status and verification. Each problem gets a key (rule and subject)
/// that stays the same across runs, so deduplication can tell a known problem from a new one.
/// A rule whose input is unknown raises nothing and says why (<see cref="UndeterminedRule"/>).
/// </summary>
public static class AlertRules
{
    public static RuleEvaluation Evaluate(HostStatus status, VerificationReport? verification, AlertSettings settings, DateTimeOffset now)
    {
        var host = status.Host.Hostname.GetValueOrDefault(status.Target)!;
        var problems = new List<Alert>();
        var undetermined = new List<UndeterminedRule>();

        void Raise(string rule, string subject, string summary, string detail)
        {
            var severity = settings.Rule(rule).Severity;
            problems.Add(new Alert(rule, $"{rule}:{subject}", severity, AlertState.Firing, host, status.Target, $"{host}: {summary}", detail, now, now));
        }

        bool Judge<T>(string rule, Reading<T> input, string what)
        {
            if (!settings.Rule(rule).Enabled)
            {
                return false;
            }

            if (!input.IsKnown)
            {
                undetermined.Add(new UndeterminedRule(rule, $"{what} is unknown: {input.UnknownReason}"));
            }

            return input.IsKnown;
        }

        if (Judge(PatchAvailable, status.Coverage.Updates, "which live patches are available"))
        {
            foreach (var update in status.Coverage.Updates.Value!.Where(u => u.ForRunningKernel))
            {
                var fixes = update.NewCves.Count > 0 ? $"; it fixes {string.Join(", ", update.NewCves)}" : "";
                var verb = update.InstalledVersion is null ? "install" : "update";
                Raise(PatchAvailable, $"{update.Name}-{update.EpochVersionRelease}", $"live patch {update.Name}-{update.EpochVersionRelease} is available, not installed",
                    $"{update.Name}-{update.EpochVersionRelease} for the running kernel is in the repositories ({(update.InstalledVersion is null ? "none installed" : $"installed: {update.InstalledVersion}")}){fixes}. Run 'kpatch-script {verb}'.");
            }
        }

        if (Judge(InstalledNotLoaded, status.Kpatch.Modules, "the installed patch modules"))
        {
            var notLive = status.Coverage.InstalledNotLive.GetValueOrDefault([])!;
            foreach (var module in status.Kpatch.Modules.Value!.Where(m => m.ForRunningKernel && m.Loaded == false).DistinctBy(m => m.ModuleName))
            {
                var cves = notLive.Count > 0 ? $"; CVEs not live: {string.Join(", ", notLive)}" : "";
                Raise(InstalledNotLoaded, module.ModuleName, $"patch module {module.ModuleName} is installed but not loaded",
                    $"{module.Path} is installed for the running kernel but not loaded{cves}. Load it with 'kpatch load {module.Path}' or check kpatch.service.");
            }
        }

        if (Judge(TransitionStalled, status.Livepatch.Patches, "the loaded live patches"))
        {
            var detail = verification?.Checks.FirstOrDefault(c => c.Name == "transition" && c.Result == CheckResult.Fail)?.Detail;
            foreach (var patch in status.Livepatch.Patches.Value!.Where(p => p.Transition is { IsKnown: true, Value: true }))
            {
                Raise(TransitionStalled, patch.Name, $"live patch {patch.Name} is stuck in transition ({patch.State})",
                    (detail ?? $"{patch.Name} is in transition ({patch.State})") + ". Tasks that sleep in a patched function keep it from finishing; see 'kpatch-script verify'.");
            }
        }

        if (settings.Rule(VerificationFailed).Enabled)
        {
            if (verification is null)
            {
                undetermined.Add(new UndeterminedRule(VerificationFailed, "verification did not run"));
            }
            else
            {
                // A transition is the transition-stalled rule's, with its hold time.
                foreach (var check in verification.Checks.Where(c => c.Result == CheckResult.Fail && c.Name != "transition"))
                {
                    Raise(VerificationFailed, check.Name, $"verification failed: {check.Name}", check.Detail + ".");
                }
            }
        }

        var running = status.Kernel.Running.GetValueOrDefault("the running kernel")!;
        var window = status.Kernel.SupportWindow;
        // A kernel the repositories give no live patches is not covered, and has no window to judge.
        if (status.Kernel.Eligibility is { IsKnown: true, Value.Eligible: false } notEligible)
        {
            if (settings.Rule(KernelNotCovered).Enabled)
            {
                Raise(KernelNotCovered, running, $"kernel {running} gets no live patches (not kpatch-eligible)",
                    $"No package in the enabled repositories provides kpatch-patch = {running}: {notEligible.Value!.Remedy}.");
            }
        }
        else if (Judge(KernelNotCovered, window, "the support window") && window.Value!.DaysLeft < 0)
        {
            Raise(KernelNotCovered, running, $"kernel {running} no longer gets live patches (support ended {window.Value.Ends})",
                $"The support window of {running} ended on {window.Value.Ends}, {-window.Value.DaysLeft} days ago ({(window.Value.Estimate ? "estimate: " : "")}{window.Value.Basis}). Update the kernel and reboot.");
        }

        var days = settings.SupportWindowWarningDays;
        if (status.Kernel.Eligibility is not { IsKnown: true, Value.Eligible: false }
            && Judge(SupportWindowEnding, window, "the support window") && window.Value!.DaysLeft >= 0 && window.Value.DaysLeft <= days)
        {
            Raise(SupportWindowEnding, running, $"live patches for kernel {running} end in {window.Value.DaysLeft} days ({window.Value.Ends})",
                $"The support window of {running} ends on {window.Value.Ends} ({(window.Value.Estimate ? "estimate: " : "")}{window.Value.Basis}); within the {days} days this rule warns about. Plan a kernel update and reboot.");
        }

        if (Judge(RebootRecommended, status.Kernel.Reboot, "the reboot advice") && status.Kernel.Reboot.Value!.Advice != RebootNeed.No)
        {
            var newest = status.Kernel.Newest.GetValueOrDefault("a newer kernel")!;
            Raise(RebootRecommended, newest, $"a reboot into {newest} is recommended", status.Kernel.Reboot.Value.Reason + ".");
        }

        if (settings.ExpectLivepatch && Judge(LivepatchUnsupported, status.Livepatch.Support, "livepatch support") && !status.Livepatch.Support.Value!.Supported)
        {
            Raise(LivepatchUnsupported, "kernel", "the kernel does not support live patching",
                $"{status.Livepatch.Support.Value.Reason}; this host is expected to have it (alerts.expect_livepatch). Boot a kernel with livepatch support.");
        }

        return new RuleEvaluation(problems, undetermined);
    }
}
