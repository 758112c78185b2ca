#!/usr/bin/env kpatch-script
// After "--" nothing is kpatch-script's: words that look like its options, and a second "--", are the script's as they are.
Console.WriteLine($"dry run: {KpatchScript.Kpatch.DryRun}");
foreach (var arg in Args)
{
    Console.WriteLine($"[{arg}]");
}
