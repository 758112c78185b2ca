#load "a.csx"
Console.WriteLine("never runs");
