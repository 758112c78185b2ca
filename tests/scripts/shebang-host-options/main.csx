#!/usr/bin/env kpatch-script
// The #! form takes kpatch-script's own options after the file, as dotnet-script does: the script
// gets only the other words and what follows "--".
Console.WriteLine($"target: {KpatchScript.Kpatch.Connect().Target}, dry run: {KpatchScript.Kpatch.DryRun}, args: [{string.Join("] [", Args)}]");
