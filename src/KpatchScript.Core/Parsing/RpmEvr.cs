namespace KpatchScript.Parsing;

/// <summary>
/// A package's <c>[epoch:]version[-release]</c>, ordered as rpm orders packages (librpm's
/// rpmverCmp): the epoch first (a missing one counts as 0), then the version, then the release,
/// each compared with rpmvercmp; a missing release is older than any release. Comparing
/// "version-release" as one string is not the same order: <c>1.1-1</c> is newer than <c>1-5</c>,
/// and any epoch beats any version. (<c>==</c> compares the text; <see cref="CompareTo"/> is rpm's
/// order, in which <c>1.010</c> and <c>1.10</c> are equal.)
/// </summary>
/// <param name="Epoch">The epoch as written (digits), or null when there is none.</param>
/// <param name="Version">The version.</param>
/// <param name="Release">The release, or null when there is none.</param>
public readonly record struct RpmEvr(string? Epoch, string Version, string? Release) : IComparable<RpmEvr>
{
    /// <summary>
    /// Splits <c>[epoch:]version[-release]</c> as librpm's parseEVR does: the epoch is the leading
    /// digits when a ':' follows them; the release is what follows the last '-'.
    /// </summary>
    public static RpmEvr Parse(string evr)
    {
        ArgumentNullException.ThrowIfNull(evr);
        var digits = 0;
        while (digits < evr.Length && char.IsAsciiDigit(evr[digits]))
        {
            digits++;
        }

        // rpm looks for the release separator only after the epoch's digits.
        var dash = evr.LastIndexOf('-');
        var release = dash >= digits ? evr[(dash + 1)..] : null;
        var end = dash >= digits ? dash : evr.Length;
        return digits < evr.Length && evr[digits] == ':'
            ? new RpmEvr(digits == 0 ? "0" : evr[..digits], evr[(digits + 1)..end], release)
            : new RpmEvr(null, evr[..end], release);
    }

    /// <summary>
    /// Null when <paramref name="text"/> names one version of a package, as <c>[EPOCH:]VERSION-RELEASE</c>
    /// (<c>1-2.el9_2</c>, <c>1:1.0-1.el9_5</c>); otherwise why not, in words for the user. dnf reads
    /// such a text after a package name as that exact version, so nothing else may slip into it.
    /// </summary>
    public static string? WhyNotVersionRelease(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var evr = Parse(text);
        var plainCharacters = text.All(c => char.IsAsciiLetterOrDigit(c) || "._+~^-:".Contains(c, StringComparison.Ordinal));
        // One dash (between version and release) and a ':' only after the epoch's digits. ":1-1"
        // parses as epoch 0 (librpm's rule), but an empty epoch written out is not a version anyone means.
        var oneVersion = evr is { Version.Length: > 0, Release.Length: > 0 }
            && !evr.Version.Contains('-', StringComparison.Ordinal) && !evr.Version.Contains(':', StringComparison.Ordinal)
            && !evr.Release.Contains(':', StringComparison.Ordinal) && text[0] != ':';
        return plainCharacters && oneVersion
            ? null
            : $"'{TextClip.Clip(text)}' is not a package version-release such as 1-2.el9_2 (with an epoch, 1:1.0-1.el9_5)";
    }

    /// <summary>
    /// An installed or available package's EVR. rpm and dnf print an absent epoch as <c>0</c>
    /// (<c>%{EPOCHNUM}</c>, <c>%{epoch}</c>) and rpm orders both alike, so 0 is kept as no epoch:
    /// people see <c>1.0-1</c>, not <c>0:1.0-1</c>.
    /// </summary>
    public static RpmEvr OfPackage(string? epoch, string version, string release) =>
        new(epoch is null or "" or "0" or "(none)" ? null : epoch, version, release);

    /// <summary>rpm's order: negative when this is older than <paramref name="other"/>, 0 when rpm sees them as equal, positive when newer.</summary>
    public int CompareTo(RpmEvr other)
    {
        var order = RpmVersionComparer.Instance.Compare(Epoch ?? "0", other.Epoch ?? "0");
        if (order == 0)
        {
            order = RpmVersionComparer.Instance.Compare(Version, other.Version);
        }

        // A side without a release is older (librpm's compare_values: a null sorts first).
        return order != 0 ? order : RpmVersionComparer.Instance.Compare(Release, other.Release);
    }

    /// <summary>True when <paramref name="left"/> is older than <paramref name="right"/> in rpm's order.</summary>
    public static bool operator <(RpmEvr left, RpmEvr right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is newer than <paramref name="right"/> in rpm's order.</summary>
    public static bool operator >(RpmEvr left, RpmEvr right) => left.CompareTo(right) > 0;

    /// <summary>True unless <paramref name="left"/> is newer than <paramref name="right"/>.</summary>
    public static bool operator <=(RpmEvr left, RpmEvr right) => left.CompareTo(right) <= 0;

    /// <summary>True unless <paramref name="left"/> is older than <paramref name="right"/>.</summary>
    public static bool operator >=(RpmEvr left, RpmEvr right) => left.CompareTo(right) >= 0;

    /// <summary><c>[epoch:]version[-release]</c>, as rpm prints it (the epoch only when there is one).</summary>
    public override string ToString() =>
        (Epoch is null ? "" : Epoch + ":") + Version + (Release is null ? "" : "-" + Release);
}
