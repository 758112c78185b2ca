using KpatchScript.Host;
using KpatchScript.Status;

namespace KpatchScript.Plugins;

/// <summary>What a <see cref="IVerificationCheck"/> judges, and how it reads more.</summary>
/// <param name="Status">The status the built-in checks judged.</param>
/// <param name="Host">The target: read any further file or run any command through it (never directly), so checks work on sysroots and over ssh.</param>
/// <param name="Time">The host's clock.</param>
public sealed record VerificationCheckContext(HostStatus Status, IHostSystem Host, TimeProvider Time);
