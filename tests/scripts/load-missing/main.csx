Console.WriteLine("never runs");
#load "lib/missing.csx"
