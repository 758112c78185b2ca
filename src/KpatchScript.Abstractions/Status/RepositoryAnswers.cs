using KpatchScript.Operations;

namespace KpatchScript.Status;

/// <summary>What detection asks the repositories with <c>--check-updates</c>: the newer live patches, and whether the running kernel gets any at all.</summary>
/// <param name="Updates">Newer kpatch-patch packages and the CVEs they add.</param>
/// <param name="Eligibility">Whether the running kernel is kpatch-eligible.</param>
public sealed record RepositoryAnswers(Reading<IReadOnlyList<AvailablePatch>> Updates, Reading<KernelEligibility> Eligibility);
