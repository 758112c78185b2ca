// A script package whose own script #loads the script package it depends on.
#load "nuget: Kps.Scripts.Dependent, 1.0.0"

Console.WriteLine(Welcome("operator"));
