namespace KpatchScript.Modules;

/// <summary>
/// What a module's signature state is, from the two witnesses there are: the file (a signature is
/// appended or not) and the kernel (it taints a module <c>E</c> when it loads one unsigned or signed
/// by a key it does not trust, on kernels built with CONFIG_MODULE_SIG and not enforcing). The same
/// rules serve <c>info</c> and verification's <c>module-signature</c> check.
/// </summary>
internal static class SignatureJudge
{
    /// <summary>The module taint letter for an unsigned or untrusted module (TAINT_UNSIGNED_MODULE).</summary>
    public const char UnsignedTaint = 'E';

    /// <summary>Bit 13 of /proc/sys/kernel/tainted: some module was loaded unsigned or with an untrusted key since boot.</summary>
    public const long UnsignedTaintBit = 8192;

    /// <param name="name">The module name, for the explanation.</param>
    /// <param name="signed">The file has a signature appended; null when there is no file to tell.</param>
    /// <param name="loaded">The kernel has the module.</param>
    /// <param name="taint">Its taint letters from /proc/modules; null when they cannot be read.</param>
    public static (ModuleSignatureState State, string Explanation) Judge(string name, bool? signed, bool loaded, string? taint)
    {
        if (loaded && taint is not null)
        {
            var marked = taint.Contains(UnsignedTaint, StringComparison.Ordinal);
            return (marked, signed) switch
            {
                (true, true) => (ModuleSignatureState.Untrusted, $"{name} is signed, but the kernel marked it {UnsignedTaint} when it loaded it: the key is not one the kernel trusts"),
                (true, false) => (ModuleSignatureState.NotSigned, $"{name} is not signed; the kernel marked it {UnsignedTaint} when it loaded it"),
                (true, null) => (ModuleSignatureState.Untrusted, $"the kernel marked {name} {UnsignedTaint} when it loaded it: unsigned, or signed by a key the kernel does not trust"),
                (false, false) => (ModuleSignatureState.NotSigned, $"{name} is not signed (this kernel does not check signatures, so it loaded without taint {UnsignedTaint})"),
                _ => (ModuleSignatureState.Trusted, $"{name} loaded without taint {UnsignedTaint}: the kernel accepted its signature"),
            };
        }

        return (loaded, signed) switch
        {
            (_, false) => (ModuleSignatureState.NotSigned, $"{name} is not signed: a kernel that enforces signatures (Secure Boot, module.sig_enforce=1) refuses it"),
            (false, true) => (ModuleSignatureState.NotChecked, $"{name} is signed; the kernel checks the key when it loads it"),
            (true, _) => (ModuleSignatureState.Unknown, $"{name} is loaded, but its taint letters cannot be read, so whether the kernel trusted its signature is unknown"),
            _ => (ModuleSignatureState.Unknown, $"neither the file nor the kernel tells whether {name} is signed"),
        };
    }
}
