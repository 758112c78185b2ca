using KpatchScript.Status;

namespace KpatchScript.Parsing;

/// <summary>
/// The signature lines of kmod's <c>modinfo FILE</c> (<c>signer:</c>, <c>sig_key:</c>, <c>sig_hashalgo:</c>),
/// which it reads from the PKCS#7 blob appended to the module: binary that a text read of the file
/// cannot carry. Other lines are the .modinfo fields, read from the file itself (<see cref="ModuleInfo.Fields"/>).
/// </summary>
/// <remarks>
/// kmod prints the module's own .modinfo strings first and the signature's lines after them, in the
/// same "key: value" form, so a module that holds a <c>signer=</c> field (or a value with a newline
/// and "signer:" after it) shows two signer lines (kmod 30: "signer: Forged" before the real one).
/// A key seen twice is therefore unknown, not the first or the last.
/// </remarks>
internal static class ModinfoOutput
{
    public sealed record SignatureLines(string? Signer, string? KeyId, string? HashAlgorithm);

    private static readonly string[] Keys = ["signer", "sig_key", "sig_hashalgo"];

    public static Reading<SignatureLines> Parse(string output)
    {
        var values = new string?[Keys.Length];
        var seen = new bool[Keys.Length];
        foreach (var line in output.Split('\n'))
        {
            // "key:   value"; continuation lines of the hex signature start with white space.
            var colon = line.IndexOf(':');
            // Stryker disable once Equality : a line that starts with ':' has the empty key, which is none of Keys
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var index = Array.IndexOf(Keys, line[..colon]);
            if (index < 0)
            {
                continue;
            }

            if (seen[index])
            {
                return Reading.Unknown<SignatureLines>(
                    $"modinfo shows {Keys[index]} twice: the module's own .modinfo names one too, so which is its signature's is unknown");
            }

            seen[index] = true;
            var value = line[(colon + 1)..].Trim();
            values[index] = value.Length == 0 ? null : value;
        }

        return Reading.Known(new SignatureLines(values[0], values[1], values[2]));
    }
}
