// A package with an assembly but no scripts dotnet-script would load (only contentFiles/csx/net8.0):
// one line at the directive (KPS0004) that says where scripts go and how to reference the assembly.
#load "nuget: Kps.Scripts.NoScripts, 1.0.0"
