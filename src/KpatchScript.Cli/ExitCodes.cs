namespace KpatchScript.Cli;

/// <summary>Process exit codes shared by every command (documented in src/KpatchScript.Cli/README.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command failed; stderr has one line saying why.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong; stderr says what and points at --help.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGINT or SIGTERM before it finished (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
