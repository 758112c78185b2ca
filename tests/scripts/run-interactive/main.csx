// run -i: the script runs first, then the REPL continues with its variables.
var greeting = "hello";
int Square(int n) => n * n;
Console.WriteLine($"seeded with {Args.Count} arguments");
