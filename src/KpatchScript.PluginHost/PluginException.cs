namespace KpatchScript.PluginHosting;

/// <summary>
/// A call into a plugin failed: it threw, did not answer in time, missed a dependency, or the
/// plugin was unloaded. The message is one line, <c>plugin &lt;Name&gt;: &lt;what happened&gt;</c>.
/// The isolated sinks and contributors throw it, so the code that calls them reports one clean line per failure.
/// </summary>
public sealed class PluginException : Exception
{
    public PluginException(string plugin, string what)
        : base($"plugin {plugin}: {what}")
    {
        Plugin = plugin;
    }

    public PluginException()
    {
        Plugin = "";
    }

    public PluginException(string message)
        : base(message)
    {
        Plugin = "";
    }

    public PluginException(string message, Exception innerException)
        : base(message, innerException)
    {
        Plugin = "";
    }

    /// <summary>The plugin's name.</summary>
    public string Plugin { get; }

    /// <summary>The call did not answer in time (rather than failing with a reason of its own): for a check, the verification is incomplete.</summary>
    internal bool NoAnswer { get; init; }
}
