// Environment.Exit skips the journal and the lock release: refused; return an exit code instead.
Console.WriteLine("about to leave");
Environment.Exit(4);
