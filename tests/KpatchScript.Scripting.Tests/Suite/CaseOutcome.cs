using System.Globalization;

namespace KpatchScript.Scripting.Tests.Suite;

/// <summary>
/// What one run printed and returned, as one text: a failing case shows the exit code, stdout and
/// stderr together in one diff, which is what one needs to see why it failed.
/// </summary>
internal sealed record CaseOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The expected outcome of <paramref name="case"/>; <paramref name="cached"/> picks <c>expected.cached.stderr</c> when the case has one.</summary>
    public static CaseOutcome Expected(ScriptCase @case, bool cached)
    {
        var stderr = (cached ? @case.Read("expected.cached.stderr") : null) ?? @case.Read("expected.stderr.head") ?? @case.Read("expected.stderr") ?? "";
        var exitCode = @case.Read("expected.exitcode") is { } text ? int.Parse(text.Trim(), CultureInfo.InvariantCulture) : 0;
        return new CaseOutcome(exitCode, @case.Read("expected.stdout") ?? "", stderr);
    }

    /// <summary>
    /// With <c>expected.stderr.head</c> only the first lines of stderr are compared (as many as that
    /// file has): what follows is a stack trace naming the product's own source files and lines.
    /// </summary>
    public CaseOutcome ComparableTo(ScriptCase @case)
    {
        if (@case.Read("expected.stderr.head") is not { } head)
        {
            return this;
        }

        var count = head.TrimEnd('\n').Split('\n').Length;
        return this with { StandardError = string.Concat(StandardError.Split('\n').Take(count).Select(l => l + "\n")) };
    }

    /// <summary>Rewrites the expected files of <paramref name="case"/> from this outcome (KPS_UPDATE_GOLDEN=1); review them before committing.</summary>
    public void WriteAsExpected(ScriptCase @case, bool cached)
    {
        if (cached)
        {
            if (@case.Read("expected.cached.stderr") is not null)
            {
                @case.Write("expected.cached.stderr", StandardError);
            }

            return;
        }

        @case.Write("expected.stdout", StandardOutput);
        @case.Write(@case.Read("expected.stderr.head") is null ? "expected.stderr" : "expected.stderr.head", ComparableTo(@case).StandardError);
        @case.Write("expected.exitcode", ExitCode.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{StandardOutput}--- stderr\n{StandardError}";
}
