using KpatchScript;
using KpatchScript.Operations;

// Under --dry-run a mutating call prints its plan and changes nothing.
var kp = Kpatch.Connect();
var result = await kp.UnloadAsync("lab_cmdline", RevertAcknowledgement.RevertingWithoutRebootIsUnsupported, cancellationToken: Kpatch.Cancellation);
Console.WriteLine($"outcome: {result.Outcome}");

// The patch is still there afterwards.
var status = await kp.DetectAsync(Kpatch.Cancellation);
Console.WriteLine($"still loaded: {string.Join(", ", status.Livepatch.Patches.Value!.Select(p => $"{p.Name} {p.State}"))}");
return result.Outcome == OperationOutcome.Planned ? 0 : 1;
