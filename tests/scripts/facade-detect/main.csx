using KpatchScript;

// The facade over --target: a captured host with one live patch loaded.
var kp = Kpatch.Connect();
var status = await kp.DetectAsync(Kpatch.Cancellation);
Console.WriteLine($"target: {status.Target}");
Console.WriteLine($"kernel: {status.Kernel.Running}");
foreach (var patch in status.Livepatch.Patches.GetValueOrDefault([])!)
{
    Console.WriteLine($"patch: {patch.Name} {patch.State}");
}

var report = await kp.VerifyAsync(Kpatch.Cancellation);
Console.WriteLine($"checks: {report.Result}");
Console.WriteLine($"verdict: {report.Verdict.State}: {string.Join(", ", report.Verdict.Reasons.Select(r => r.Code))}");
return Kpatch.DryRun ? 1 : 0;
