namespace KpatchScript.Scripting;

/// <summary>Versions that go into the script cache key: a change to any of them recompiles cached scripts.</summary>
public static class ScriptingInfo
{
    /// <summary>The script host's own version.</summary>
    public static string HostVersion { get; } = typeof(ScriptingInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
