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

    /// <summary>
    /// Every field of the .modinfo section, in file order, as modinfo lists them. The section is found
    /// around its <c>vermagic=</c> entry (every module has one): the <c>key=value</c> strings next to it,
    /// NUL padding between them allowed, up to the first string that is not a field. Empty without vermagic.
    /// </summary>
    public static List<KeyValuePair<string, string>> Fields(string text)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var anchor = text.IndexOf("\0vermagic=", StringComparison.Ordinal);
        if (anchor < 0)
        {
            return fields;
        }

        // Back from vermagic to the first field of the section, then forward to its last.
        var start = anchor + 1;
        while (PreviousString(text, start) is { } previous && IsField(text, previous, text.IndexOf('\0', previous)))
        {
            start = previous;
        }

        for (var at = start;
             // Stryker disable once Equality : at == text.Length finds an empty string there, which is skipped as padding and ends the loop
             at < text.Length;)
        {
            var end = text.IndexOf('\0', at);
            // Stryker disable once Equality : end == 0 would need a NUL at 0 where a field starts
            end = end < 0 ? text.Length : end;
            if (end == at)
            {
                at++; // padding
                continue;
            }

            if (!IsField(text, at, end))
            {
                break;
            }

            var equals = text.IndexOf('=', at, end - at);
            fields.Add(new(text[at..equals], text[(equals + 1)..end]));
            at = end + 1;
        }

        return fields;
    }

    /// <summary>Where the string before the one at <paramref name="start"/> begins (skipping NUL padding), or null.</summary>
    private static int? PreviousString(string text, int start)
    {
        var end = start - 1; // the NUL before start
        while (end > 0 && text[end - 1] == '\0')
        {
            end--;
        }

        if (end <= 0)
        {
            return null;
        }

        // text[end - 1] is not NUL, so the string there has at least that one character.
        return text.LastIndexOf('\0', end - 1) + 1;
    }

    /// <summary>
    /// A .modinfo entry: a key of lower-case letters, digits and '_', then '=' and a value of anything
    /// but NUL. The value is not checked: a module's hostile description is shown (escaped where it is
    /// printed), not silently dropped; the strict key keeps other strings out.
    /// </summary>
    private static bool IsField(string text, int start, int end)
    {
        var equals = text.IndexOf('=', start, end - start);
        if (equals <= start)
        {
            return false;
        }

        for (var i = start; i < equals; i++)
        {
            if (text[i] is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

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
        // Stryker disable once Equality : end is at or after start, which is past the marker, so never 0
        var value = (end < 0 ? text[start..] : text[start..end]).Trim();
        return value.Length == 0 ? null : value;
    }
}
