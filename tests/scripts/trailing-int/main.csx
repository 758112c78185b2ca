// A trailing expression without a semicolon is the script's value, and an int is the exit code.
Console.WriteLine("ends with 7");
3 + 4
