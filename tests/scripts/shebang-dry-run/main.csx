#!/usr/bin/env kpatch-script
// "./main.csx --dry-run --target sysroot:DIR" is a dry run against DIR, never a real run here.
using KpatchScript;
using KpatchScript.Operations;

if (!Kpatch.DryRun || Args.Count > 0)
{
    // The guard keeps this machine safe should the options ever reach the script again.
    Console.Error.WriteLine($"not a dry run: refusing to change anything; Args: {string.Join(" ", Args)}");
    return 3;
}

var kp = Kpatch.Connect();
var result = await kp.UpdateAsync(cancellationToken: Kpatch.Cancellation);
Console.WriteLine($"update on {result.Target}: {result.Outcome}");
return result.Outcome == OperationOutcome.Planned ? 0 : 1;
