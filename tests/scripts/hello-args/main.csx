// Args is an IList<string>: everything after "--", spaces kept inside one argument.
Console.WriteLine($"hello, {Args.Count} argument(s)");
foreach (var arg in Args)
{
    Console.WriteLine($"[{arg}]");
}
