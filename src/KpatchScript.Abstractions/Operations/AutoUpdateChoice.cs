namespace KpatchScript.Operations;

/// <summary>Which kernels get live patches installed when automatic installation is on.</summary>
public enum AutoUpdateKernels
{
    /// <summary>Every installed kernel and every future one: <c>dnf kpatch auto</c>.</summary>
    All,

    /// <summary>
    /// The running kernel (or <see cref="PackageOptions.KernelRelease"/>) only: <c>dnf kpatch manual</c>,
    /// then <c>dnf install "kpatch-patch = &lt;release&gt;"</c>, as Cockpit's "for current kernel only" does.
    /// </summary>
    Current,
}

/// <summary>What happens to kpatch.service (it loads installed patches at boot).</summary>
public enum KpatchServiceChange
{
    /// <summary>Leave it as it is.</summary>
    Keep,

    /// <summary><c>systemctl enable --now kpatch.service</c> (in an install root: <c>systemctl --root=ROOT enable kpatch.service</c>).</summary>
    Enable,

    /// <summary><c>systemctl disable --now kpatch.service</c>: installed patches no longer load at boot.</summary>
    Disable,
}

/// <summary>
/// kpatch-dnf's choices as Cockpit's Software Updates page offers them. On: install patches for
/// <see cref="Kernels"/>, then (by default) enable and start kpatch.service. Off: <c>dnf kpatch manual</c>;
/// kpatch.service is kept by default, unlike Cockpit, so installed patches still load at boot.
/// </summary>
/// <param name="Enabled">On (<c>dnf kpatch auto</c> or manual plus the current kernel's patch) or off (<c>dnf kpatch manual</c>).</param>
public sealed record AutoUpdateChoice(bool Enabled)
{
    /// <summary>Which kernels, when <see cref="Enabled"/>; ignored when off.</summary>
    public AutoUpdateKernels Kernels { get; init; } = AutoUpdateKernels.All;

    /// <summary>What happens to kpatch.service; null means the default: enable when on, keep when off.</summary>
    public KpatchServiceChange? Service { get; init; }

    /// <summary><see cref="Service"/>, or its default for <see cref="Enabled"/>.</summary>
    public KpatchServiceChange ServiceOrDefault => Service ?? (Enabled ? KpatchServiceChange.Enable : KpatchServiceChange.Keep);
}
