using KpatchScript.Status;

namespace KpatchScript.Modules;

/// <summary>
/// What <c>kpatch-script info MODULE</c> tells of one live patch module: what <c>kpatch info</c> prints
/// (the module's own <c>modinfo</c>), plus what the running kernel says of it: whether it is
/// installed and loaded, its patch state, its taint letters, whether the kernel trusted its
/// signature, and the objects and functions it patches.
/// </summary>
/// <param name="Query">What was asked: a module name or a <c>.ko</c> path.</param>
/// <param name="Name">The module name (its <c>/sys/kernel/livepatch</c> directory).</param>
/// <param name="Path">The <c>.ko</c> file on the target; null when only the loaded module was found.</param>
/// <param name="Installed">True when the file is installed for the running kernel (<c>/var/lib/kpatch/&lt;release&gt;</c> or <c>/usr/lib/kpatch/&lt;release&gt;</c>).</param>
/// <param name="Fields">The module's <c>.modinfo</c> fields as <c>modinfo</c> names them (version, description, vermagic, srcversion, license, livepatch, depends ...), in file order; empty without a file.</param>
/// <param name="KernelRelease">The kernel the module was built for: the first word of its vermagic.</param>
/// <param name="Signature">Whether it is signed, by whom, and whether the kernel trusted it.</param>
/// <param name="Loaded">True when the kernel has the module (<c>/proc/modules</c>).</param>
/// <param name="Taint">Its taint letters from <c>/proc/modules</c> (<c>O</c> out of tree, <c>E</c> unsigned or untrusted signature, <c>K</c> live patch); null when not loaded or unreadable.</param>
/// <param name="Patch">Its <c>/sys/kernel/livepatch</c> entry (state, objects, functions); null when it is not a live patch now.</param>
public sealed record PatchModuleDetails(
    string Query,
    string Name,
    string? Path,
    bool Installed,
    IReadOnlyList<ModuleField> Fields,
    string? KernelRelease,
    ModuleSignature Signature,
    bool Loaded,
    string? Taint,
    LivepatchPatch? Patch);

/// <summary>One <c>.modinfo</c> field, as <c>modinfo</c> prints it: <c>key: value</c>.</summary>
public sealed record ModuleField(string Key, string Value);

/// <summary>A module's signature, and the kernel's word on it.</summary>
/// <param name="State">not-signed (JSON "unsigned"), untrusted, trusted, not-checked (installed, not loaded: the kernel checks when it loads it) or unknown.</param>
/// <param name="Signer">The signer <c>modinfo</c> names (the signing certificate's issuer); null when unsigned or not known.</param>
/// <param name="KeyId">The signing key (<c>sig_key</c>: the certificate's serial number or key identifier, hex).</param>
/// <param name="HashAlgorithm"><c>sig_hashalgo</c>, e.g. sha256.</param>
/// <param name="Explanation">One line saying what the state means and how it was told.</param>
public sealed record ModuleSignature(ModuleSignatureState State, string? Signer, string? KeyId, string? HashAlgorithm, string Explanation);

/// <summary>What is known of a module's signature.</summary>
public enum ModuleSignatureState
{
    /// <summary>Nothing can be told (the file and the kernel's taint cannot be read). Never read as trusted.</summary>
    Unknown,

    /// <summary>No signature is appended to the file (or the kernel marked it <c>E</c> and the file is not there to tell).</summary>
    NotSigned,

    /// <summary>Signed, but the kernel marked it <c>E</c> when it loaded it: the key is not in the kernel's keyrings.</summary>
    Untrusted,

    /// <summary>Signed and loaded without taint <c>E</c>: the kernel checked the signature against a key it trusts.</summary>
    Trusted,

    /// <summary>Signed and not loaded: the kernel checks the key when it loads it.</summary>
    NotChecked,
}
