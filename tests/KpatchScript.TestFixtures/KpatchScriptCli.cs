using KpatchScript.Host;

namespace KpatchScript.TestFixtures;

/// <summary>
/// The one way tests run the real CLI as a process: <c>dotnet kpatch-script.dll ARGUMENTS</c>, the
/// assembly built next to the calling test assembly by its project reference to the CLI.
/// </summary>
public static class KpatchScriptCli
{
    /// <summary>Far above any run (a cold script compile takes seconds); only there so a hung run fails its test.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The CLI assembly in the calling test's output folder.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "kpatch-script.dll");

    /// <summary>
    /// Runs <c>kpatch-script ARGUMENTS</c> in <paramref name="workingDirectory"/> (the test's output
    /// folder by default) with <paramref name="environment"/> added; see <see cref="ProcessHelper.ExecuteAsync"/>.
    /// </summary>
    public static Task<CommandResult> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, string? standardInput = null, TimeSpan? timeout = null) =>
        ProcessHelper.ExecuteAsync(["dotnet", Dll, .. arguments], workingDirectory ?? AppContext.BaseDirectory, environment ?? new Dictionary<string, string>(), standardInput, timeout ?? DefaultTimeout);

    /// <inheritdoc cref="RunAsync"/>
    public static CommandResult Run(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(arguments, environment).GetAwaiter().GetResult();
}
