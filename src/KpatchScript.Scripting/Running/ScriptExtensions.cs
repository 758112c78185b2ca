using System.Reflection;
using KpatchScript.Plugins;

namespace KpatchScript.Scripting.Running;

/// <summary>
/// What plugins add to scripts: assemblies scripts compile against (and whose bytes are part of the
/// cache key), resolved at run time to the copies already loaded in the plugins' own load contexts
/// (so a script and the host see the same plugin types, and the plugin's private dependencies
/// resolve as the plugin's); and verification checks that <c>VerifyAsync</c> runs in scripts.
/// </summary>
public sealed class ScriptExtensions(IReadOnlyList<Assembly> assemblies, IReadOnlyList<IVerificationCheck> verificationChecks)
{
    /// <summary>No plugins.</summary>
    public static ScriptExtensions None { get; } = new([], []);

    /// <summary>Plugin assemblies loaded from files (<see cref="Assembly.Location"/> is their path).</summary>
    public IReadOnlyList<Assembly> Assemblies => assemblies;

    /// <summary>Checks added to the built-in ones when a script verifies.</summary>
    public IReadOnlyList<IVerificationCheck> VerificationChecks => verificationChecks;
}
