// dotnet-script's README idiom for the script's own path: [CallerFilePath] names the .csx file
// (each file its own, #load'ed ones too), whatever the working directory.
#load "lib/paths.csx"
using System.Runtime.CompilerServices;

static string GetScriptPath([CallerFilePath] string path = null) => path;
static string GetScriptFolder([CallerFilePath] string path = null) => Path.GetDirectoryName(path);

Console.WriteLine(GetScriptPath());
Console.WriteLine(GetScriptFolder());
Console.WriteLine(LibraryPath());
