#!/usr/bin/env kpatch-script
// Run as "kpatch-script main.csx ARGS" (what the #! line does): the #! line is not C#. A word after
// the file that is not an option is the script's; one that looks like an option only after "--".
Console.WriteLine($"shebang: {string.Join(" ", Args)}");
