#!/usr/bin/env kpatch-script
// apply-updates: brings the live patch of the running kernel up to date, then verifies.
//
//   kpatch-script run apply-updates.csx [--target local|ssh://user@host] [--dry-run]
//   ./apply-updates.csx [--target local|ssh://user@host] [--dry-run]        (the #! line; the same)
//
// The options after the file are kpatch-script's in both forms (as in dotnet-script): only what
// follows "--" reaches the script's Args, and this script takes none.
//
// 1. asks the repositories (dnf, through ListAvailableAsync) for a kpatch-patch newer than
//    what is installed for the running kernel;
// 2. if there is one: installs it when no patch for this kernel is installed, else updates it;
// 3. verifies live patching (installed patches loaded, enabled, not stuck in transition, ...) and
//    prints the verdict, the one every kpatch-script surface shows.
// It prints every step; what it cannot read it prints as "unknown (reason)", never as a guess.
// Under --dry-run the change is only planned (its commands are printed) and nothing changes; the
// plan is shown even where the repositories cannot be asked (a sysroot target cannot run dnf).
//
// Exit codes:
//   0  up to date, updated, or (--dry-run) the plan was shown; the host is not "not covered"
//      afterwards (a dry run only shows the verdict it starts from)
//   1  ALERT (one line on stderr): the repositories or the installed packages could not be read,
//      the change failed or was refused, or the host is not covered afterwards
//   124/130  stopped by --timeout or Ctrl+C (the host's codes)
using KpatchScript;
using KpatchScript.Operations;
using KpatchScript.Serialization;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

var kp = Kpatch.Connect();
var dryRun = Kpatch.DryRun ? " (dry run: nothing changes)" : "";
var status = await kp.DetectAsync(Kpatch.Cancellation);
if (!status.Kernel.Running.IsKnown)
{
    return Alert($"the running kernel of {kp.Target} is unknown: {status.Kernel.Running.UnknownReason}");
}

var kernel = status.Kernel.Running.Value!;
Say($"{kp.Target}: running kernel {kernel}{dryRun}");

// What is installed for this kernel decides install or update; rpm knows that without dnf.
if (!status.Packages.IsKnown)
{
    Say($"installed: unknown ({status.Packages.UnknownReason})");
    if (!Kpatch.DryRun)
    {
        return Alert($"cannot tell which kpatch-patch is installed for {kernel} on {kp.Target}: {status.Packages.UnknownReason}");
    }
}

var installed = status.Packages.GetValueOrDefault([])!.FirstOrDefault(p => p.ForRunningKernel);
if (status.Packages.IsKnown)
{
    Say(installed is null ? "installed: no kpatch-patch for this kernel" : $"installed: {installed.Name}-{installed.Version}-{installed.Release}");
}

var available = await kp.ListAvailableAsync(cancellationToken: Kpatch.Cancellation);
if (available.IsKnown)
{
    var newer = available.Value!.FirstOrDefault(p => p.ForRunningKernel);
    if (newer is null)
    {
        Say("available: nothing newer for this kernel");
        return await VerifyAsync();
    }

    var fixes = newer.NewCves.Count > 0 ? $", fixes {string.Join(" ", newer.NewCves)}" : "";
    Say($"available: {newer.Name}-{newer.Version}-{newer.Release}{fixes}");
}
else if (Kpatch.DryRun)
{
    // A rehearsal still shows the change; dnf itself would find out whether there is anything newer.
    Say($"available: cannot ask the repositories ({available.UnknownReason}); planning the change anyway");
}
else
{
    return Alert($"cannot tell which live patches are available for {kernel} on {kp.Target}: {available.UnknownReason}");
}

// InstallAsync and UpdateAsync act for the running kernel; under --dry-run they print their plan.
// Nothing known to be installed (or, in a dry run, nothing known at all): install, which dnf turns into an update of an installed package.
var install = installed is null;
Say(install ? "installing the live patch for this kernel" : "updating the live patch for this kernel");
var result = install
    ? await kp.InstallAsync(cancellationToken: Kpatch.Cancellation)
    : await kp.UpdateAsync(cancellationToken: Kpatch.Cancellation);
if (!result.Succeeded)
{
    return Alert($"{result.Operation} failed on {result.Target}: {result.Error}");
}

Say(result.Outcome switch
{
    OperationOutcome.Planned => $"{result.Operation}: planned, not run",
    OperationOutcome.Unchanged => $"{result.Operation}: nothing to do: {result.Detail}",
    _ => $"{result.Operation}: done in {result.Duration.TotalSeconds:0.#} s",
});
return await VerifyAsync();

// Verification runs in a dry run too: it only reads, and shows the state the change would start from.
async Task<int> VerifyAsync()
{
    var report = await kp.VerifyAsync(Kpatch.Cancellation);
    foreach (var check in report.Checks.Where(c => c.Result is CheckResult.Warn or CheckResult.Fail))
    {
        Say($"verify: {check.Result.ToString().ToLowerInvariant()} {check.Name}: {check.Detail}");
    }

    Say($"verify: {report.Result.ToString().ToLowerInvariant()}");
    var verdict = report.Verdict;
    Say($"verdict: {VerdictWords.Of(verdict.State)}: {verdict.Summary}");
    return verdict.State == VerdictState.NotCovered && !Kpatch.DryRun
        ? Alert($"{report.Target} is not covered: {string.Join("; ", verdict.Reasons.Where(r => r.Level == ReasonLevel.NotCovered).Select(r => r.Code))}")
        : 0;
}

// One line an alerting pipeline can grep for; the details are on stdout above it.
static int Alert(string message)
{
    Console.Error.WriteLine(SafeText.Of($"ALERT: {message}"));
    return 1;
}

// Host strings (names, reasons) may hold control characters: shown as escapes, never sent to the terminal raw.
static void Say(string text) => Console.WriteLine(SafeText.Of(text));
