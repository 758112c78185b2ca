namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// A NuGet reference of a script that cannot be resolved. The message is one line that names the
/// package, the version asked, where it was looked for and what to do: it is shown as is to the user.
/// </summary>
public sealed class ScriptReferenceException : Exception
{
    /// <summary>NuGet's code when NuGet reports the same problem (e.g. <c>NU1605</c>); null otherwise.</summary>
    public string? Code { get; init; }

    /// <summary>The package a script's own reference names, when no source has a version of it that fits; null otherwise.</summary>
    public string? MissingReference { get; init; }

    public ScriptReferenceException()
    {
    }

    public ScriptReferenceException(string message)
        : base(message)
    {
    }

    public ScriptReferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
