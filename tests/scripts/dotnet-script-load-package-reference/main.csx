// The package references live in a #load'ed file, as teams keep them in one place; the script uses them.
#load "deps/packages.csx"
using Kps.Scripts.Greeting;

Console.WriteLine(Banner.Frame($"Banner {Banner.Version} from a package #r'd in deps/packages.csx"));
