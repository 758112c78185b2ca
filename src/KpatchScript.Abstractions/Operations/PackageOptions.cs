namespace KpatchScript.Operations;

/// <summary>How package operations run.</summary>
public sealed record PackageOptions
{
    /// <summary>Install into this directory (dnf/rpm <c>--installroot</c>) instead of the target's root.</summary>
    public string? InstallRoot { get; init; }

    /// <summary>The kernel release to act for; null means the running kernel.</summary>
    public string? KernelRelease { get; init; }

    /// <summary>List the commands, change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Receives dnf's output lines while it runs (progress display).</summary>
    public IProgress<string>? Progress { get; init; }
}
