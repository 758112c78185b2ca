// Environment.Exit ends a dotnet-script run with its code. kpatch-script refuses it (KPS1006: it skips
// the journal and the lock release) unless the script says it means it:
#pragma warning disable KPS1006
Console.WriteLine("leaving with 3");
Environment.Exit(3);
Console.WriteLine("never printed");
