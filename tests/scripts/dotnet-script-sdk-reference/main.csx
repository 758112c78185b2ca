#r "sdk:Microsoft.NET.Sdk.Web"
Console.WriteLine("not reached");
