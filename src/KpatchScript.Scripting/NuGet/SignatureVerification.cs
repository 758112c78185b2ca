using NuGet.Common;
using NuGet.Packaging.Signing;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// Package signatures checked as <c>dotnet restore</c> checks them on Linux: NuGet's extractor applies the trust
/// policy of NuGet.Config (signatureValidationMode, trustedSigners) only when DOTNET_NUGET_SIGNATURE_VERIFICATION
/// is true, which the .NET SDK sets for its restore unless the user set it. There is no SDK here, so the same is done.
/// </summary>
internal static class SignatureVerification
{
    private const string Variable = "DOTNET_NUGET_SIGNATURE_VERIFICATION";

    public static void EnableUnlessSet()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, "true");
        }
    }

    /// <summary>
    /// NuGet's first error as the script's error, with its code and message as restore prints them (e.g. NU3004
    /// for an unsigned package in require mode); the message names the package and the source.
    /// </summary>
    public static ScriptReferenceException Refusal(SignatureException exception)
    {
        var issue = (exception.Results ?? []).SelectMany(r => r.Issues).FirstOrDefault(i => i.Level >= LogLevel.Error);
        var code = issue?.Code ?? exception.Code;
        return new ScriptReferenceException(NotFoundMessage.OneLine(issue?.Message ?? exception.Message), exception) { Code = code.ToString() };
    }
}
