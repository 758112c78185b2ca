#!/usr/bin/env kpatch-script
// "./main.csx --verbose": the host's --verbose after the file prints the stack trace; Args stays empty.
throw new InvalidOperationException($"{Args.Count} argument(s)");
