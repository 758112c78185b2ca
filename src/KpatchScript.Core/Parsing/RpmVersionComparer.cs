namespace KpatchScript.Parsing;

/// <summary>
/// rpm's version ordering (rpmvercmp): alternating runs of digits and letters compared run by
/// run, numbers numerically, a number newer than letters, <c>~</c> older than anything, <c>^</c>
/// newer than the end. Used on whole kernel releases such as <c>5.14.0-427.13.1.el9_4.x86_64</c>.
/// </summary>
public sealed class RpmVersionComparer : IComparer<string>
{
    public static RpmVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        // string's == is ordinal and tries the reference first; null equals null.
        if (x == y)
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int i = 0, j = 0;
        // Ends at the break below, once either side is used up (both at once included).
        while (true)
        {
            while (i < x.Length && !char.IsAsciiLetterOrDigit(x[i]) && x[i] != '~' && x[i] != '^')
            {
                i++;
            }

            while (j < y.Length && !char.IsAsciiLetterOrDigit(y[j]) && y[j] != '~' && y[j] != '^')
            {
                j++;
            }

            // Tilde sorts before everything, even the end of the string.
            var xTilde = i < x.Length && x[i] == '~';
            var yTilde = j < y.Length && y[j] == '~';
            if (xTilde || yTilde)
            {
                if (!(xTilde && yTilde))
                {
                    return xTilde ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            // Caret sorts after the end of the string but before any other segment.
            var xCaret = i < x.Length && x[i] == '^';
            var yCaret = j < y.Length && y[j] == '^';
            if (xCaret || yCaret)
            {
                if (i >= x.Length)
                {
                    return -1;
                }

                if (j >= y.Length)
                {
                    return 1;
                }

                if (!(xCaret && yCaret))
                {
                    return xCaret ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= x.Length || j >= y.Length)
            {
                break;
            }

            var numeric = char.IsAsciiDigit(x[i]);
            var xStart = i;
            var yStart = j;
            while (i < x.Length && (numeric ? char.IsAsciiDigit(x[i]) : char.IsAsciiLetter(x[i])))
            {
                i++;
            }

            while (j < y.Length && (numeric ? char.IsAsciiDigit(y[j]) : char.IsAsciiLetter(y[j])))
            {
                j++;
            }

            if (j == yStart)
            {
                // Segments of different kinds: the numeric one is newer.
                return numeric ? 1 : -1;
            }

            var xs = x.AsSpan(xStart, i - xStart);
            var ys = y.AsSpan(yStart, j - yStart);
            if (numeric)
            {
                xs = xs.TrimStart('0');
                ys = ys.TrimStart('0');
                if (xs.Length != ys.Length)
                {
                    // Stryker disable once Equality : the lengths differ here
                    return xs.Length > ys.Length ? 1 : -1;
                }
            }

            var order = xs.SequenceCompareTo(ys);
            if (order != 0)
            {
                // Stryker disable once Equality : order is not 0 here
                return order > 0 ? 1 : -1;
            }
        }

        var xLeft = i < x.Length;
        var yLeft = j < y.Length;
        return xLeft == yLeft ? 0 : xLeft ? 1 : -1;
    }
}
