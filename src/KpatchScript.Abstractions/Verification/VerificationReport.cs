using System.Text.Json.Serialization;
using KpatchScript.Verdicts;

namespace KpatchScript.Verification;

/// <summary>The result of one named check.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckResult>))]
public enum CheckResult
{
    /// <summary>The check holds.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass,

    /// <summary>Not broken, but worth attention (e.g. a reboot is due).</summary>
    [JsonStringEnumMemberName("warn")]
    Warn,

    /// <summary>Live patching is not doing what it should.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Does not apply here; <see cref="VerificationCheck.Detail"/> says why.</summary>
    [JsonStringEnumMemberName("skip")]
    Skip,
}

/// <summary>One check of a verification.</summary>
/// <param name="Name">A stable name, e.g. <c>patches-enabled</c>.</param>
/// <param name="Result">pass / warn / fail / skip.</param>
/// <param name="Detail">One sentence: what was found, or why the check was skipped.</param>
public sealed record VerificationCheck(string Name, CheckResult Result, string Detail);

/// <summary>Everything <c>verify</c> checked, and the host's verdict judged from those checks and the status they checked.</summary>
/// <param name="Target">The target verified.</param>
/// <param name="Result">The worst check result: fail if any check failed, else warn if any warned, else pass; skip when every check was skipped.</param>
/// <param name="Checks">Every check, in a fixed order.</param>
/// <param name="Verdict">
/// The one verdict (covered / action needed / not covered, with coded reasons) over the status the
/// checks judged and the checks themselves: what every surface shows. A verification whose checks
/// all pass or skip is not by itself an all-clear (nothing installed is a reason of the verdict).
/// </param>
public sealed record VerificationReport(string Target, CheckResult Result, IReadOnlyList<VerificationCheck> Checks, Verdict Verdict)
{
    /// <summary>
    /// The checks that got no answer (a plugin's process ended, crashed or hung, or the plugin could
    /// not be loaded): each is among <see cref="Checks"/> as failed, with the reason. When any is,
    /// the verification is incomplete and verify exits UNKNOWN (3), naming them.
    /// </summary>
    public IReadOnlyList<string> Unanswered { get; init; } = [];

    /// <summary>The worst result among <paramref name="checks"/>.</summary>
    /// <remarks>A loop, not LINQ: status judges on its start-up path, where System.Linq's first use costs 2 ms.</remarks>
    public static CheckResult ResultOf(IReadOnlyList<VerificationCheck> checks)
    {
        var (fail, warn, allSkipped) = (false, false, true);
        foreach (var check in checks)
        {
            fail |= check.Result == CheckResult.Fail;
            warn |= check.Result == CheckResult.Warn;
            allSkipped &= check.Result == CheckResult.Skip;
        }

        return fail ? CheckResult.Fail : warn ? CheckResult.Warn : allSkipped ? CheckResult.Skip : CheckResult.Pass;
    }
}
