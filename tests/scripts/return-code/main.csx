Console.WriteLine("returning 3");
return 3;
