Console.WriteLine("never printed by check");
string text = 42;
