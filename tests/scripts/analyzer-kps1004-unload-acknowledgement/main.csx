// The unsupported-revert acknowledgement must be written at the call site, not passed in a variable.
using KpatchScript;
using KpatchScript.Operations;
var kp = Kpatch.Connect();
var acknowledgement = RevertAcknowledgement.RevertingWithoutRebootIsUnsupported;
var result = await kp.UnloadAsync("kpatch_5_14_0_284_11_1_1_1", acknowledgement, cancellationToken: Kpatch.Cancellation);
return result.Succeeded ? 0 : 1;
