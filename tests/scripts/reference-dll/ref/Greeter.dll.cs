namespace Greeting;

public static class Greeter
{
    public static string Hello(string name) => $"hello from a #r assembly, {name}";
}
