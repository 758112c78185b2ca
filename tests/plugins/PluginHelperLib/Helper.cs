namespace TestPlugins.HelperLib;

public static class Helper
{
    public static string Name => "helper";
}
