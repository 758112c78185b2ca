namespace KpatchScript.Scripting;

/// <summary>
/// What a script sees unqualified, as under dotnet-script: <c>Args</c> (an <c>IList&lt;string&gt;</c>,
/// so <c>Args.Count</c>) and <c>Print</c>. Nothing else: editors check scripts against
/// dotnet-script's own globals, so the facade is a library (<c>Kpatch.Connect()</c>), not a global.
/// </summary>
public sealed class ScriptGlobals(IList<string> args, TextWriter output)
{
    /// <summary>The arguments after <c>--</c>.</summary>
    public IList<string> Args { get; } = args;

    /// <summary>Writes a value on its own line.</summary>
    public void Print(object? value) => output.WriteLine(value);
}
