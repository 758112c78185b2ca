#load "/dev/zero"
Console.WriteLine("never runs");
