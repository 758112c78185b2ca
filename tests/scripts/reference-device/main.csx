#r "/dev/zero"
Console.WriteLine("never runs");
