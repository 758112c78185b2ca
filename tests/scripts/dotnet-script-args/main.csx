// Args is Roslyn's IList<string>: Count, indexing, LINQ; options after "--" reach the script as they are.
var verbose = Args.Contains("--verbose-report");
Console.WriteLine($"{Args.Count} args, verbose={verbose}");
Console.WriteLine($"second: '{Args[1]}'");
Console.WriteLine($"numbers: {string.Join(",", Args.Where(a => int.TryParse(a, out _)))}");
