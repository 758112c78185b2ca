#r "ref/Greeter.dll"
// ref/Greeter.dll is compiled by the suite from ref/Greeter.dll.cs into the case's copy.
Console.WriteLine(Greeting.Greeter.Hello("dll"));
