// A package with scripts for netstandard2.0 and for net8.0: dotnet-script takes contentFiles/csx/any,
// else contentFiles/csx/netstandard2.0, and no other framework's folder.
#load "nuget: Kps.Scripts.Standard, 1.0.0"

Console.WriteLine($"loaded the {Framework()} scripts");
