namespace KpatchScript.Verification;

/// <summary>
/// What a <c>.ko</c> file says of itself without an ELF parser: <c>vermagic=</c> in its .modinfo
/// strings and the signature marker the kernel's sign-file appends. Read as text: both are ASCII.
/// </summary>
internal sealed record ModuleInfo(string? Vermagic, bool Signed)
{
    private const string SignatureMarker = "~Module signature appended~\n";

    public static ModuleInfo Read(string text)
    {
        var start = text.IndexOf("vermagic=", StringComparison.Ordinal);
        string? vermagic = null;
        if (start >= 0)
        {
            start += "vermagic=".Length;
            var end = text.IndexOf('\0', start);
            vermagic = (end < 0 ? text[start..] : text[start..end]).Trim();
        }

        return new ModuleInfo(string.IsNullOrEmpty(vermagic) ? null : vermagic, text.EndsWith(SignatureMarker, StringComparison.Ordinal));
    }
}
