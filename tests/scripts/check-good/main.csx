#load "lib.csx"
// check compiles the closure and runs nothing.
Console.WriteLine("never printed by check");
return Twice(2);
