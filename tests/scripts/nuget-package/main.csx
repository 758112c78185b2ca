#r "nuget: KpatchScript, 0.1.0"
// The line a script needs under the real dotnet script; here the package resolves from the
// --source feed, and the host's own facade is used (one type identity with the runner).
using KpatchScript;

Console.WriteLine($"dry run: {Kpatch.DryRun}");
