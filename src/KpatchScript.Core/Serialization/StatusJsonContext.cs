using System.Text.Json.Serialization;
using KpatchScript.Operations;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>
/// Source-generated JSON for the status document: no reflection at start-up, which keeps
/// <c>status --json</c> close to a bare <c>dotnet</c> process (see tests/benchmarks).
/// Every T of a <see cref="Reading{T}"/> is listed, because the reading converter asks for it by type.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(HostStatus))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(OsRelease))]
[JsonSerializable(typeof(RebootAdvice))]
[JsonSerializable(typeof(SupportWindow))]
[JsonSerializable(typeof(KernelEligibility))]
[JsonSerializable(typeof(CveExposure))]
[JsonSerializable(typeof(LivepatchSupport))]
[JsonSerializable(typeof(KpatchCli))]
[JsonSerializable(typeof(KpatchDnf))]
[JsonSerializable(typeof(ServiceState))]
[JsonSerializable(typeof(IReadOnlyList<InstalledKernel>))]
[JsonSerializable(typeof(IReadOnlyList<LivepatchPatch>))]
[JsonSerializable(typeof(IReadOnlyList<LivepatchObject>))]
[JsonSerializable(typeof(IReadOnlyList<InactiveModule>))]
[JsonSerializable(typeof(IReadOnlyList<TransitionTask>))]
[JsonSerializable(typeof(IReadOnlyList<PatchModuleFile>))]
[JsonSerializable(typeof(IReadOnlyList<KpatchPatchPackage>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<AvailablePatch>))]
public sealed partial class StatusJsonContext : JsonSerializerContext;
