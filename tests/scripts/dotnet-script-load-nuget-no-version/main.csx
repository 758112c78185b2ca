// No version: the highest the sources have (and so not cached). Two root files and no single
// entry point: both are loaded, before this script's own statements run.
#load "nuget:Kps.Scripts.Several"

Console.WriteLine($"the script: {Tally(Args.Count + 2)}, started {severalStarted:yyyy-MM-dd}");
