namespace KpatchScript.Parsing;

/// <summary>
/// What a <c>.ko</c> file says of itself without an ELF parser: the <c>key=value</c> strings of its
/// .modinfo section (<c>vermagic</c>, <c>name</c>, <c>livepatch</c>) and the signature marker the
/// kernel's sign-file appends. Read as text: all of them are ASCII between NUL bytes.
/// </summary>
internal sealed record ModuleInfo(string? Vermagic, bool Signed, string? Name, bool Livepatch)
{
    private const string SignatureMarker = "~Module signature appended~\n";

    /// <summary>The kernel release the module was built for: the first word of its vermagic.</summary>
    public string? KernelRelease => Vermagic?.Split(' ')[0];

    public static ModuleInfo Read(string text) =>
        new(Field(text, "vermagic"), text.EndsWith(SignatureMarker, StringComparison.Ordinal), Field(text, "name"), Field(text, "livepatch") == "Y");

    /// <summary>A .modinfo field: it starts right after a NUL byte, which keeps "name=" from matching inside "srcname=".</summary>
    private static string? Field(string text, string key)
    {
        var marker = "\0" + key + "=";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = text.IndexOf('\0', start);
        var value = (end < 0 ? text[start..] : text[start..end]).Trim();
        return value.Length == 0 ? null : value;
    }
}
