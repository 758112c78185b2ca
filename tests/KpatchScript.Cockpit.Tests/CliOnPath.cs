using KpatchScript.TestFixtures;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// The CLI built with these tests: on the bridge's PATH as <c>kpatch-script</c> (the wrapper of
/// <see cref="KpatchScriptOnPath"/>, as the RPM's /usr/bin/kpatch-script would be), or run directly.
/// </summary>
internal static class CliOnPath
{
    public static string Dll => KpatchScriptOnPath.Dll;

    public static string Dotnet => KpatchScriptOnPath.Dotnet;

    /// <summary>Writes the wrapper into <paramref name="directory"/>/bin and returns that directory.</summary>
    public static string Create(string directory) => KpatchScriptOnPath.Create(directory);

    /// <summary>Runs the same CLI directly with <paramref name="config"/>, for what the panel must agree with.</summary>
    public static string Run(string config, params string[] arguments)
    {
        var result = KpatchScriptCli.Run(arguments, new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = config, ["HOME"] = "/root" });
        return result.ExitCode is 0 or 1 or 2 or 3 && result.StandardOutput.Length > 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"kpatch-script {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}");
    }
}
