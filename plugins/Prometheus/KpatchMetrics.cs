using KpatchScript.Alerts;
using KpatchScript.Status;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Plugins.Prometheus;

/// <summary>
/// What the textfile says. A value kpatch-script could not read is not guessed: its sample is
/// left out and <c>kpatch_unknown{metric=...,subject=...} 1</c> says so, so an alert rule can
/// tell "not patched" from "could not tell".
/// </summary>
internal static class KpatchMetrics
{
    public static MetricSet Collect(HostStatus status, VerificationReport? verification, IReadOnlyList<Alert>? active, DateTimeOffset time)
    {
        var set = new MetricSet();
        var supported = set.Gauge("kpatch_livepatch_supported", "1 when the running kernel has the livepatch interface (/sys/kernel/livepatch), else 0.");
        var enabled = set.Gauge("kpatch_patch_enabled", "1 when the live patch is enabled (/sys/kernel/livepatch/<patch>/enabled), else 0.");
        var transition = set.Gauge("kpatch_patch_in_transition", "1 while the live patch is in transition (not every task switched yet), else 0.");
        var cves = set.Gauge("kpatch_cves_fixed", "CVEs in the changelogs of kpatch-patch packages for the running kernel: state live (module enabled), installed_not_loaded, or available (in newer packages in the repositories, when asked).");
        // No days-left gauge: Prometheus wants base units (promtool says so); days left are (this - time()) / 86400.
        var window = set.Gauge("kpatch_support_window_end_timestamp_seconds", "An estimate: when the running kernel stops getting live patches (the end of the last day of its support window, UTC).");
        var reboot = set.Gauge("kpatch_reboot_recommended", "1 when a newer kernel is installed than the one running (reboot advice yes or yes-but-live-patched), else 0.");
        var verdictState = set.Gauge("kpatch_verdict", "The host's verdict, the one every kpatch-script surface shows: 1 for its state (covered, action_needed, not_covered), 0 for the others.");
        var verdictReason = set.Gauge("kpatch_verdict_reason", "1 for each reason of the verdict, by its stable code and level (not_covered, action_needed, note).");
        var verify = set.Gauge("kpatch_verify_status", "The verdict in the Nagios codes 'kpatch-script verify' exits with: 0 covered, 1 action needed, 2 not covered.");
        var check = set.Gauge("kpatch_verify_check_status", "Each verify check in Nagios codes: 0 pass, 1 warn, 2 fail, 3 skip.");
        var alerts = set.Gauge("kpatch_alerts_active", "Problems the alert rules find now, by severity.");
        var unknown = set.Gauge("kpatch_unknown", "1 for each value kpatch-script could not read (its metric is left out); the reason is in 'kpatch-script status'.");
        var generated = set.Gauge("kpatch_textfile_generated_timestamp_seconds", "When this file was written.");

        void Unknown(string metric, string subject = "") => unknown.Add(1, ("metric", metric), ("subject", subject));

        if (status.Livepatch.Support is { IsKnown: true, Value: { } support })
        {
            supported.Add(support.Supported ? 1 : 0);
        }
        else
        {
            Unknown(supported.Name);
        }

        foreach (var patch in status.Livepatch.Patches.GetValueOrDefault([])!)
        {
            Flag(enabled, patch.Enabled, patch.Name, Unknown);
            Flag(transition, patch.Transition, patch.Name, Unknown);
        }

        Count(cves, status.Coverage.FixedLiveNow, "live", Unknown);
        Count(cves, status.Coverage.InstalledNotLive, "installed_not_loaded", Unknown);
        if (status.Coverage.Updates is { IsKnown: true, Value: { } updates })
        {
            cves.Add(updates.Where(u => u.ForRunningKernel).SelectMany(u => u.NewCves).Distinct(StringComparer.Ordinal).Count(), ("state", "available"));
        }

        if (status.Kernel.SupportWindow is { IsKnown: true, Value: { } supportWindow }
            && DateOnly.TryParseExact(supportWindow.Ends, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var ends))
        {
            window.Add(new DateTimeOffset(ends.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds());
        }
        else
        {
            Unknown(window.Name);
        }

        if (status.Kernel.Reboot is { IsKnown: true, Value: { } advice })
        {
            reboot.Add(advice.Advice == RebootNeed.No ? 0 : 1);
        }
        else
        {
            Unknown(reboot.Name);
        }

        if (verification is not null)
        {
            var verdict = verification.Verdict;
            foreach (var state in Enum.GetValues<VerdictState>())
            {
                verdictState.Add(state == verdict.State ? 1 : 0, ("state", Label(VerdictWords.Of(state))));
            }

            foreach (var reason in verdict.Reasons)
            {
                verdictReason.Add(1, ("code", reason.Code), ("level", Label(VerdictWords.Of(reason.Level))));
            }

            verify.Add(verdict.State switch { VerdictState.Covered => 0, VerdictState.ActionNeeded => 1, _ => 2 });
            foreach (var item in verification.Checks)
            {
                check.Add(Code(item.Result), ("check", item.Name));
            }
        }
        else
        {
            // No verification, no verdict: say so rather than leave a gap an alert rule reads as fine.
            Unknown(verdictState.Name);
        }

        if (active is not null)
        {
            foreach (var severity in Enum.GetValues<AlertSeverity>())
            {
                alerts.Add(active.Count(a => a.Severity == severity && a.State == AlertState.Firing), ("severity", severity.ToString().ToLowerInvariant()));
            }
        }

        generated.Add(time.ToUnixTimeSeconds());
        return set;
    }

    private static void Flag(MetricSet.Family family, Reading<bool> reading, string patch, Action<string, string> unknown)
    {
        if (reading.IsKnown)
        {
            family.Add(reading.Value ? 1 : 0, ("patch", patch));
        }
        else
        {
            unknown(family.Name, patch);
        }
    }

    private static void Count(MetricSet.Family family, Reading<IReadOnlyList<string>> reading, string state, Action<string, string> unknown)
    {
        if (reading.IsKnown)
        {
            family.Add(reading.Value!.Count, ("state", state));
        }
        else
        {
            unknown(family.Name, state);
        }
    }

    /// <summary>"action needed" as a label value PromQL matches without quoting spaces: action_needed.</summary>
    private static string Label(string word) => word.Replace(' ', '_');

    /// <summary>The Nagios plugin codes of a check result.</summary>
    private static int Code(CheckResult result) => result switch
    {
        CheckResult.Pass => 0,
        CheckResult.Warn => 1,
        CheckResult.Fail => 2,
        _ => 3,
    };
}
