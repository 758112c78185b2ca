using System.Reflection;

namespace KpatchScript.PluginHosting.Isolation;

/// <summary>What went wrong in a plugin, in a few words a person can act on.</summary>
internal static class FailureText
{
    public static string Describe(Exception exception)
    {
        var ex = Unwrap(exception);
        return ex switch
        {
            FileNotFoundException { FileName: { } name } when LooksLikeAssembly(name) =>
                $"could not load its dependency {name}: the file is missing from the plugin's directory (install the plugin with every file 'dotnet publish' gives it)",
            FileLoadException { FileName: { } name } when LooksLikeAssembly(name) =>
                $"could not load its dependency {name}: {FirstLine(ex.Message)}",
            TypeLoadException or MissingMethodException or MissingFieldException =>
                $"was built against other versions of its dependencies ({ex.GetType().Name}: {FirstLine(ex.Message)}); rebuild it",
            _ => $"threw {ex.GetType().FullName}: {FirstLine(ex.Message)}",
        };
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                case TypeInitializationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    exception = aggregate.InnerExceptions[0];
                    break;
                default:
                    return exception;
            }
        }
    }

    private static bool LooksLikeAssembly(string name) => name.Contains("Version=", StringComparison.Ordinal) || name.EndsWith(".dll", StringComparison.Ordinal);

    public static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
