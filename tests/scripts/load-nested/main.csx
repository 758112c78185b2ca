#load "lib/helpers.csx"
// lib/helpers.csx #loads "format/box.csx", relative to lib/, not to this file.
Console.WriteLine(Greet("nested"));
