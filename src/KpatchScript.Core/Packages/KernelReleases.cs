namespace KpatchScript.Packages;

/// <summary>What a kernel release (<c>uname -r</c>) says about its kpatch-patch package.</summary>
internal static class KernelReleases
{
    private static readonly string[] Arches = ["x86_64", "aarch64", "ppc64le", "s390x", "i686", "noarch"];

    /// <summary>
    /// Null when <paramref name="release"/> can be an rpm <c>version-release.arch</c>; otherwise why
    /// not, in words for the user. rpm allows exactly one dash, between version and release, so a
    /// Debian release such as 6.1.0-56-amd64 cannot be the version of any rpm package.
    /// </summary>
    public static string? WhyNotRpm(string release)
    {
        if (release.Length == 0 || release.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return $"kernel release '{release}' is empty or contains spaces";
        }

        var dashes = release.Count(c => c == '-');
        if (dashes != 1)
        {
            return $"kernel release {release} cannot be an rpm version-release: it has {dashes} dashes and rpm allows exactly one (between version and release), so no kpatch-patch package can provide it; this kernel is not an rpm-packaged (RHEL-family) kernel";
        }

        var dash = release.IndexOf('-', StringComparison.Ordinal);
        if (dash == 0 || dash == release.Length - 1)
        {
            return $"kernel release {release} has an empty version or release";
        }

        return release.Any(c => !(char.IsAsciiLetterOrDigit(c) || "._+~^-".Contains(c, StringComparison.Ordinal)))
            ? $"kernel release {release} has characters an rpm version cannot hold"
            : null;
    }

    /// <summary>
    /// The kpatch-patch package name for a kernel, as kpatch-dnf derives it: version dots to
    /// underscores, release up to the dist tag (<c>.el9_2</c>) with dots to underscores.
    /// <c>5.14.0-284.11.1.el9_2.x86_64</c> gives <c>kpatch-patch-5_14_0-284_11_1</c>.
    /// </summary>
    public static string PatchPackageName(string release)
    {
        var dash = release.IndexOf('-', StringComparison.Ordinal);
        var version = release[..dash];
        var rest = release[(dash + 1)..];
        foreach (var arch in Arches)
        {
            if (rest.EndsWith("." + arch, StringComparison.Ordinal))
            {
                rest = rest[..^(arch.Length + 1)];
                break;
            }
        }

        var dist = rest.IndexOf(".el", StringComparison.Ordinal);
        if (dist > 0)
        {
            rest = rest[..dist];
        }

        return $"kpatch-patch-{version.Replace('.', '_')}-{rest.Replace('.', '_')}";
    }
}
