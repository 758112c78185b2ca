// Args is an IList<string>: here everything after "--" (options too), spaces kept inside one argument.
Console.WriteLine($"hello, {Args.Count} argument(s)");
foreach (var arg in Args)
{
    Console.WriteLine($"[{arg}]");
}
