#!/usr/bin/env kpatch-script
// status-report: a short plain-text report on kernel live patching, for a person or a monitoring job.
//
//   kpatch-script run status-report.csx [--target local|sysroot:DIR|ssh://user@host]
//
// Reads only (detect, then verify); changes nothing, so it needs no --dry-run.
// Exit codes, as monitoring plugins use them:
//   0  the verification verdict is pass (or skip: nothing to check on this host)
//   1  warn: not broken, but worth a look (e.g. a reboot is due)
//   2  fail: live patching is not doing what it should (the failing checks are listed)
//   124/130  stopped by --timeout or Ctrl+C (the host's codes)
using KpatchScript;
using KpatchScript.Verification;

var kp = Kpatch.Connect();
var status = await kp.DetectAsync(Kpatch.Cancellation);
var report = await kp.VerifyAsync(Kpatch.Cancellation);

// Readings print as their value, or as "unknown (why)": an unknown value is shown, never guessed.
WriteLine($"target:   {status.Target}");
WriteLine($"host:     {status.Host.Hostname}, {status.Host.Os.Select(os => os.PrettyName)}");
WriteLine($"kernel:   {status.Kernel.Running}");

var patches = status.Livepatch.Patches;
if (!patches.IsKnown)
{
    WriteLine($"patches:  {patches}");
}
else if (patches.Value!.Count == 0)
{
    WriteLine("patches:  none loaded");
}
else
{
    WriteLine("patches:");
    foreach (var patch in patches.Value!)
    {
        WriteLine($"  {patch.Name,-24} {patch.State}");
    }
}

WriteLine("checks:");
foreach (var check in report.Checks)
{
    WriteLine($"  {Word(check.Result),-4}  {check.Name}: {check.Detail}");
}

WriteLine($"verdict:  {Word(report.Verdict)}");
return report.Verdict switch
{
    CheckResult.Pass or CheckResult.Skip => 0,
    CheckResult.Warn => 1,
    _ => 2,
};

// The words of `kpatch-script verify` (pass, warn, fail, skip), not the C# enum names.
static string Word(CheckResult result) => result.ToString().ToLowerInvariant();
