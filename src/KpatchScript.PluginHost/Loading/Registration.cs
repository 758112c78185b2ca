namespace KpatchScript.PluginHosting.Loading;

/// <summary>
/// A plugin object the isolated wrappers call through. Unloading clears it, so a wrapper that
/// outlives its plugin (held by a caller) does not keep the plugin's load context alive.
/// </summary>
internal sealed class Registration<T>(T target, string name)
    where T : class
{
    private T? _target = target;

    public string Name => name;

    /// <exception cref="InvalidOperationException">The plugin was unloaded.</exception>
    public T Target => Volatile.Read(ref _target) ?? throw new InvalidOperationException("the plugin was unloaded; reload it to use it again");

    public void Clear() => Volatile.Write(ref _target, null);
}
