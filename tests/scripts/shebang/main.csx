#!/usr/bin/env kpatch-script
// Run as "kpatch-script main.csx ARGS" (what the #! line does): the #! line is not C#, and every
// argument after the file, even one that looks like an option, belongs to the script.
Console.WriteLine($"shebang: {string.Join(" ", Args)}");
