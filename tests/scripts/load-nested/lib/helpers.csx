#load "format/box.csx"
string Greet(string name) => Box($"hello from {name}");
