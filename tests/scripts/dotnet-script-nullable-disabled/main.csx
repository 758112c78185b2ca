// Without '#nullable enable' nullable annotations are off, as under dotnet-script: no warning, it runs.
string name = null;
Console.WriteLine(name ?? "(null)");
