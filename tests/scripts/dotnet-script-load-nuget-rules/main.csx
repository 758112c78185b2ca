// A script package's files are part of the script: the KPS rules check them, and what they report
// names the package's file and line (in the packages folder), as the compiler's errors do.
#load "nuget: Kps.Scripts.Exits, 1.0.0"

Leave(0);
