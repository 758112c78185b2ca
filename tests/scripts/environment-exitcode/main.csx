// A non-zero Environment.ExitCode wins over the returned value, as in dotnet-script.
Environment.ExitCode = 4;
Console.WriteLine("set Environment.ExitCode = 4, returning 2");
return 2;
