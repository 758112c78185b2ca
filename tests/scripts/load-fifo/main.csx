Console.WriteLine("never runs");
#load "lib/pipe.csx"
