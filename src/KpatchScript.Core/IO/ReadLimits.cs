namespace KpatchScript.IO;

/// <summary>
/// The most kpatch-script reads from each kind of file, in bytes (src/KpatchScript.Core/README.md lists them). Each is
/// far above what a real file of its kind holds, and far below what makes a process run out of
/// memory: a wrong path (<c>/dev/zero</c>, a core dump) fails at once with a message, not after
/// gigabytes.
/// </summary>
public static class ReadLimits
{
    private const long MiB = 1024 * 1024;

    /// <summary>A file on a target (sysfs and procfs attributes, <c>/etc</c> files, <c>.ko</c> modules): local, sysroot and ssh.</summary>
    public const long TargetFile = 32 * MiB;

    /// <summary>Each of stdout and stderr of a command (rpm, dnf, kpatch, the ssh client and the remote snapshot).</summary>
    public const long CommandOutput = 64 * MiB;

    /// <summary>The configuration file, the banned-API list it names, the host lock's pid file.</summary>
    public const long Configuration = 1 * MiB;

    /// <summary>A script (<c>.csx</c>, each <c>#load</c>ed file) and the lists of a script cache entry.</summary>
    public const long Script = 4 * MiB;

    /// <summary>A report or alert template.</summary>
    public const long Template = 4 * MiB;

    /// <summary>The alert state file.</summary>
    public const long AlertState = 16 * MiB;

    /// <summary>One <c>status --json</c> document of a fleet directory.</summary>
    public const long FleetDocument = 16 * MiB;

    /// <summary>One Red Hat CSAF VEX document of the exposure's mirror (Red Hat's largest kernel documents are a few MiB).</summary>
    public const long VexDocument = 64 * MiB;

    /// <summary>The audit journal.</summary>
    public const long Journal = 64 * MiB;

    /// <summary>An assembly: a script's <c>#r</c> DLL, a plugin.</summary>
    public const long Assembly = 128 * MiB;

    /// <summary>A <c>.nupkg</c> of a local folder feed.</summary>
    public const long Package = 1024 * MiB;

    /// <summary>A size for messages: <c>1 MiB</c>, <c>1.5 GiB</c>, <c>512 bytes</c>.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * MiB => $"{bytes / (1024.0 * MiB):0.#} GiB",
        >= MiB => $"{bytes / (double)MiB:0.#} MiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
