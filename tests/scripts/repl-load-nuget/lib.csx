// Loaded from the REPL: its definitions join the session.
var fromLib = "defined in lib.csx";
string Shout(string text) => text.ToUpperInvariant() + "!";
