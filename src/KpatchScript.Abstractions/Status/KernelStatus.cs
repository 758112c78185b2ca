namespace KpatchScript.Status;

/// <summary>Which kernel runs, which are installed, and whether a reboot is due.</summary>
/// <param name="Running">The running release, from <c>/proc/sys/kernel/osrelease</c> (= <c>uname -r</c>).</param>
/// <param name="Installed">Installed kernels: from rpm (<c>kernel-uname-r</c> provides) where rpm knows any, else from <c>/boot/vmlinuz-*</c>.</param>
/// <param name="Newest">The newest installed release by rpm version order.</param>
/// <param name="Reboot">Whether booting the newest kernel is due.</param>
/// <param name="SupportWindow">Until when the running kernel gets live patches, and where that end comes from.</param>
public sealed record KernelStatus(
    Reading<string> Running,
    Reading<IReadOnlyList<InstalledKernel>> Installed,
    Reading<string> Newest,
    Reading<RebootAdvice> Reboot,
    Reading<SupportWindow> SupportWindow)
{
    /// <summary>The reason of an eligibility that was not asked of the repositories.</summary>
    public const string EligibilityNotChecked = "not checked: 'kpatch-script status --check-updates' or 'kpatch-script available' asks the repositories";

    /// <summary>
    /// Whether the running kernel gets live patches at all (asked of the repositories with
    /// <c>--check-updates</c>); unknown with <see cref="EligibilityNotChecked"/> when they were not asked.
    /// </summary>
    /// <remarks>Never null: System.Text.Json sets an init property a document lacks (one written before issue 22) to null, which reads as not checked.</remarks>
    public Reading<KernelEligibility> Eligibility
    {
        get => _eligibility;
        init => _eligibility = value ?? NotChecked;
    }

    private static readonly Reading<KernelEligibility> NotChecked = Reading.Unknown<KernelEligibility>(EligibilityNotChecked);

    private readonly Reading<KernelEligibility> _eligibility = NotChecked;
}

/// <summary>One installed kernel.</summary>
/// <param name="Release">Its <c>uname -r</c> release.</param>
/// <param name="Source">Where it was found: <c>rpm</c> or <c>boot</c>.</param>
/// <param name="Package">The rpm package that provides it, when rpm told.</param>
/// <param name="Running">True for the running kernel.</param>
public sealed record InstalledKernel(string Release, string Source, string? Package, bool Running);

/// <summary>Reboot advice and the reason for it.</summary>
/// <param name="Advice">no / yes / yes-but-live-patched.</param>
/// <param name="Reason">One sentence a person can act on.</param>
public sealed record RebootAdvice(RebootNeed Advice, string Reason);
