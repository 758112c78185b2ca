// Version ranges and floating versions, as dotnet-script passes them to NuGet: the highest version
// that fits; neither is pinned, so the script is not cached (a warning says so).
#r "nuget: Kps.Scripts.Greeting, [1.0.0, 2.0.0)"
#r "nuget: Kps.Scripts.NoScripts, 1.*"
using Kps.Scripts.Greeting;
using Kps.Scripts.NoScripts;

Console.WriteLine($"Kps.Scripts.Greeting {Banner.Version}, {Tool.Name}");
