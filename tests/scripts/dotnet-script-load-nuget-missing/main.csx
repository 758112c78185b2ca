// A script package that no source holds: one line at the directive, its own code (KPS0003).
Console.WriteLine("never printed");
#load "nuget: Kps.Scripts.Absent, 1.0.0"
