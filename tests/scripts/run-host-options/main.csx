// "run FILE" reads its options on both sides of the file: a word between them is the script's.
var kp = KpatchScript.Kpatch.Connect();
Console.WriteLine($"run: {kp.Target}; dry run {KpatchScript.Kpatch.DryRun}; {Args.Count} argument(s): {string.Join(", ", Args)}");
