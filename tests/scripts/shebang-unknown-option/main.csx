#!/usr/bin/env kpatch-script
// Never runs: an option kpatch-script does not know, before "--", is neither its own nor silently the script's.
Console.WriteLine("ran");
