Console.WriteLine("never runs");
int number = "not a number";
UndefinedMethod();
