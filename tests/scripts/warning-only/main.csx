Console.WriteLine("runs despite a warning");
return 0;
Console.WriteLine("unreachable");
