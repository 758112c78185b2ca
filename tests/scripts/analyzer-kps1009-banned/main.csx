// The site's banned-API list (banned_symbols_file, BannedSymbols format) bans System.IO.File here.
File.WriteAllText("out.txt", "x");
Console.WriteLine("wrote");
