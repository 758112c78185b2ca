namespace KpatchScript.Parsing;

/// <summary>
/// The signature lines of kmod's <c>modinfo FILE</c> (<c>signer:</c>, <c>sig_key:</c>, <c>sig_hashalgo:</c>),
/// which it reads from the PKCS#7 blob appended to the module: binary that a text read of the file
/// cannot carry. Other lines are the .modinfo fields, read from the file itself (<see cref="ModuleInfo.Fields"/>).
/// </summary>
internal static class ModinfoOutput
{
    public sealed record SignatureLines(string? Signer, string? KeyId, string? HashAlgorithm);

    public static SignatureLines Parse(string output)
    {
        string? signer = null, key = null, algorithm = null;
        foreach (var line in output.Split('\n'))
        {
            // "key:   value"; continuation lines of the hex signature start with white space.
            var colon = line.IndexOf(':');
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "signer" when value.Length > 0:
                    signer ??= value;
                    break;
                case "sig_key" when value.Length > 0:
                    key ??= value;
                    break;
                case "sig_hashalgo" when value.Length > 0:
                    algorithm ??= value;
                    break;
            }
        }

        return new(signer, key, algorithm);
    }
}
