// #load paths are relative to the file that holds them; a file loaded twice is loaded once.
#load "tasks/report.csx"
#load "shared/hosts.csx"

Console.WriteLine(Report(Hosts));
