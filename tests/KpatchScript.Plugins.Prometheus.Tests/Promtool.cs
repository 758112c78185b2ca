using KpatchScript.TestFixtures;

namespace KpatchScript.Plugins.Prometheus.Tests;

/// <summary>
/// Prometheus's own checker, <c>promtool check metrics</c> (Debian's prometheus package; tests/run
/// installs promtool alone from it). Missing, it fails the test saying so: nothing skips.
/// </summary>
internal static class Promtool
{
    private static readonly Lazy<string> Path = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => System.IO.Path.Combine(d, "promtool")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("promtool is not installed: tests/run installs it from Debian's prometheus package (apt-get download prometheus; take usr/bin/promtool)"));

    /// <summary>What promtool finds wrong with <paramref name="text"/>: empty when it is valid exposition text without lint problems.</summary>
    public static string Check(string text)
    {
        var result = ProcessHelper.ExecuteAsync([Path.Value, "check", "metrics"], Environment.CurrentDirectory, new Dictionary<string, string>(), text, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return result.ExitCode == 0 ? "" : $"promtool exited {result.ExitCode}: {result.StandardOutput}{result.StandardError}";
    }

    /// <summary>Runs promtool with <paramref name="arguments"/> in <paramref name="directory"/>: its exit code and all it printed.</summary>
    public static (int ExitCode, string Output) Run(string directory, params string[] arguments)
    {
        var result = ProcessHelper.ExecuteAsync([Path.Value, .. arguments], directory, new Dictionary<string, string>(), null, TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
