using System.Text;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// The entry point of a plugin process: <c>dotnet KpatchScript.PluginHost.dll --kpatch-script-plugin-process</c>,
/// started by the host for one plugin (<see cref="PluginProcess"/>). It speaks the protocol of
/// <see cref="Messages"/> on stdin and stdout; whatever the plugin writes to the console goes to
/// stderr, so it cannot be taken for an answer.
/// </summary>
internal static class PluginProcessMain
{
    public const string Flag = "--kpatch-script-plugin-process";

    public static int Main(string[] args)
    {
        if (args is not [Flag])
        {
            Console.Error.WriteLine($"KpatchScript.PluginHost.dll runs plugins for kpatch-script, which starts it with {Flag}; it is not a command of its own");
            return 2;
        }

        var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n" };
        Console.SetOut(Console.Error);
        Console.SetIn(TextReader.Null);
        using var channel = new LineChannel(output);
        return new ChildSession(input, channel).Run();
    }
}
