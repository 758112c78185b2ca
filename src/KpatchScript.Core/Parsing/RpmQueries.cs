namespace KpatchScript.Parsing;

/// <summary>The rpm query formats detection uses, next to the parsers that read their output.</summary>
internal static class RpmQueries
{
    /// <summary>Field separator inside one record; rpm's query format understands <c>\t</c>.</summary>
    public const char FieldSeparator = '\t';

    /// <summary>Starts each package record; changelog text (many lines) follows the header line.</summary>
    public const string PackageMarker = "@@kpatch-script-package@@";

    /// <summary>Kernels: one line per provide of every package that provides <c>kernel-uname-r</c>.</summary>
    public static readonly string[] KernelProviders =
        ["rpm", "--query", "--whatprovides", "kernel-uname-r", "--queryformat", @"[%{=NAME}\t%{PROVIDENAME}\t%{PROVIDEVERSION}\n]"];

    /// <summary>kpatch-patch packages: a header line, then their changelog text. EPOCHNUM is 0 for a package without an epoch (EPOCH would print "(none)").</summary>
    public static readonly string[] PatchPackages =
        ["rpm", "--query", "--all", "--queryformat",
         PackageMarker + @"\t%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t[%{PROVIDENAME}=%{PROVIDEVERSION};]\n[%{CHANGELOGTEXT}\n]",
         "kpatch-patch-*"];
}
