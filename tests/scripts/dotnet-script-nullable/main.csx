// With '#nullable enable', dotnet-script makes the nullable warnings (CS8600-CS8655) errors: refused here too.
#nullable enable

string name = null;
Console.WriteLine(name);
