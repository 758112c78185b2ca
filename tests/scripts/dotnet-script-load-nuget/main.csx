// A script package, loaded as dotnet-script loads one: the package's one root script (and the file
// it #loads) joins this script, and the package's assembly is referenced here too.
#load "nuget: Kps.Scripts.Greeting, 1.0.0"
using Kps.Scripts.Greeting;

Console.WriteLine(Greet("admin"));
Console.WriteLine(Banner.Frame("assembly " + Banner.Version));
