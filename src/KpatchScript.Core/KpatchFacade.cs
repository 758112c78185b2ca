using System.Reflection;
using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Loading;
using KpatchScript.Modules;
using KpatchScript.Operations;
using KpatchScript.Packages;
using KpatchScript.Plugins;
using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript;

/// <summary>The kpatch facade over one target.</summary>
public sealed class KpatchFacade(IHostSystem host, TimeProvider time, KpatchSettings? settings = null) : IKpatchFacade, IVerifyNow
{
    private readonly KpatchSettings _settings = settings ?? new KpatchSettings();

    /// <summary>The product version, as built.</summary>
    public static string ToolVersion { get; } =
        typeof(KpatchFacade).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public string Target => host.Name;

    /// <summary>Checks that <see cref="Verify(CancellationToken)"/> runs after the built-in ones (plugins' checks; none by default).</summary>
    public IReadOnlyList<IVerificationCheck> Checks { get; init; } = [];

    public Task<OperationResult> InstallAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Packages().Install(options ?? new PackageOptions(), cancellationToken));

    public Task<OperationResult> UpdateAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Packages().Update(options ?? new PackageOptions(), cancellationToken));

    public Task<OperationResult> RemoveAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Packages().Remove(options ?? new PackageOptions(), cancellationToken));

    public Task<OperationResult> DowngradeAsync(PackageOptions? options = null, string? toVersion = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Packages().Downgrade(options ?? new PackageOptions(), toVersion, cancellationToken));

    public Task<Reading<IReadOnlyList<AvailablePatch>>> ListAvailableAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Packages().ListAvailable(options ?? new PackageOptions(), cancellationToken));

    /// <summary>Whether the running kernel (or <see cref="PackageOptions.KernelRelease"/>) is kpatch-eligible: some enabled repository has a package providing <c>kpatch-patch = release</c>.</summary>
    public Reading<KernelEligibility> CheckEligibility(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Packages().CheckEligibility(options ?? new PackageOptions(), cancellationToken);

    /// <summary>Asks the repositories what <c>--check-updates</c> shows: newer live patches and the kernel's eligibility.</summary>
    public RepositoryAnswers AskRepositories(PackageOptions? options = null, CancellationToken cancellationToken = default)
    {
        var packages = Packages();
        options ??= new PackageOptions();
        return new RepositoryAnswers(packages.ListAvailable(options, cancellationToken), packages.CheckEligibility(options, cancellationToken));
    }

    public Task<OperationResult> SetAutoUpdateAsync(bool enabled, PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        SetAutoUpdateAsync(new AutoUpdateChoice(enabled) { Service = KpatchServiceChange.Keep }, options, cancellationToken);

    public Task<OperationResult> SetAutoUpdateAsync(AutoUpdateChoice choice, PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Packages().SetAutoUpdate(choice, options ?? new PackageOptions(), cancellationToken));

    public Task<OperationResult> LoadAsync(string modulePath, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PatchLoader(host, time, _settings).Load(modulePath, options ?? new LoadOptions(), cancellationToken));

    public Task<OperationResult> UnloadAsync(string patch, RevertAcknowledgement acknowledgement, UnloadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PatchUnloader(host, time, _settings).Unload(patch, acknowledgement, options ?? new UnloadOptions(), cancellationToken));

    public Task<OperationResult> LoadAllAsync(LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AllPatches(host, time, _settings).LoadAll(options ?? new LoadOptions(), cancellationToken));

    public Task<OperationResult> UnloadAllAsync(RevertAcknowledgement acknowledgement, UnloadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AllPatches(host, time, _settings).UnloadAll(acknowledgement, options ?? new UnloadOptions(), cancellationToken));

    public Task<Reading<PatchModuleDetails>> InfoAsync(string patchModule, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ModuleInspector(host, cancellationToken).Inspect(patchModule));

    public Task<VerificationReport> VerifyAsync(CancellationToken cancellationToken = default) => Task.FromResult(Verify(cancellationToken));

    /// <summary>The synchronous form of <see cref="VerifyAsync"/>.</summary>
    public VerificationReport Verify(CancellationToken cancellationToken = default) =>
        Verify(Detect(cancellationToken: cancellationToken), cancellationToken);

    /// <summary>
    /// <see cref="Verify(CancellationToken)"/> starting from a status the caller just detected: a
    /// transition in it is still watched (detecting again, keeping the updates dnf gave, which do
    /// not change while a transition finishes).
    /// </summary>
    public VerificationReport Verify(HostStatus status, CancellationToken cancellationToken = default) =>
        new Verifier(new HostReader(host, cancellationToken), time, _settings.TransitionThreshold, _settings.Verdict)
            .Verify(status, () => Redetect(status, cancellationToken), Checks);

    /// <summary>
    /// Verification that judges a patch in transition as it is now instead of watching it for
    /// the threshold: for reports and alert runs, which must not wait a minute.
    /// </summary>
    public VerificationReport VerifyNow(CancellationToken cancellationToken = default) =>
        VerifyNow(Detect(cancellationToken: cancellationToken), cancellationToken);

    /// <summary>
    /// <see cref="VerifyNow(CancellationToken)"/> over a status just detected (by the caller, e.g.
    /// with updates): the checks judge that status instead of detecting again (rpm queries and all).
    /// The plugins' <see cref="Checks"/> run too.
    /// </summary>
    public VerificationReport VerifyNow(HostStatus status, CancellationToken cancellationToken = default) =>
        new Verifier(new HostReader(host, cancellationToken), time, _settings.TransitionThreshold, _settings.Verdict, watchTransitions: false)
            .Verify(status, () => Redetect(status, cancellationToken), Checks);

    private HostStatus Redetect(HostStatus first, CancellationToken cancellationToken)
    {
        var again = Detect(cancellationToken: cancellationToken);
        return again with { Coverage = again.Coverage with { Updates = first.Coverage.Updates } };
    }

    private PackageOperations Packages() => new(host, time, _settings);

    /// <summary>
    /// The audit journal of this facade's host, where its changes write it (on the target; under
    /// <paramref name="installRoot"/> when one is given): see <see cref="JournalReader.Read"/>.
    /// </summary>
    /// <exception cref="HostSystemException">The journal exists but cannot be read.</exception>
    public Journal ReadJournal(string? installRoot = null, int limit = int.MaxValue) =>
        JournalReader.Read(host, installRoot, _settings.StateDirectory, limit);

    public Task<HostStatus> DetectAsync(CancellationToken cancellationToken = default) => Task.FromResult(Detect(cancellationToken: cancellationToken));

    /// <summary>Detection that also asks dnf which updates are available and which CVEs they add.</summary>
    public Task<HostStatus> DetectWithUpdatesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Detect(checkUpdates: true, cancellationToken));

    /// <summary>The synchronous form of <see cref="DetectAsync"/>: the work is synchronous (see <see cref="IHostSystem"/>).</summary>
    public HostStatus Detect(bool checkUpdates = false, CancellationToken cancellationToken = default) =>
        Detect(checkUpdates ? AskRepositories(cancellationToken: cancellationToken) : null, cancellationToken);

    /// <summary>Detection with the repositories' answers given (asked elsewhere, e.g. of this machine's dnf for an installroot); null: not asked.</summary>
    public HostStatus Detect(RepositoryAnswers? repositories, CancellationToken cancellationToken = default)
    {
        var collectedAt = time.GetUtcNow();
        var reader = new HostReader(Snapshot(cancellationToken), cancellationToken);
        var running = reader.ReadValue(KnownPaths.OsRelease);
        var livepatch = LivepatchDetector.Detect(reader, running);
        var kpatch = KpatchToolingDetector.Detect(reader, running, livepatch.Patches);
        var packages = PackageDetector.Detect(reader, running);
        var eligibility = repositories?.Eligibility ?? Reading.Unknown<KernelEligibility>(KernelStatus.EligibilityNotChecked);
        var supportWindow = SupportWindowEstimator.Estimate(reader, _settings, collectedAt, running, eligibility);
        var kernel = KernelDetector.Detect(reader, running, livepatch.Patches, supportWindow) with { Eligibility = eligibility };
        var hostInfo = HostInfoDetector.Detect(reader, running);
        var coverage = CoverageDetector.Detect(packages, livepatch.Patches, repositories?.Updates);
        var status = new HostStatus(HostStatus.CurrentSchemaVersion, host.Name, collectedAt, ToolVersion, hostInfo, kernel, livepatch, kpatch, packages, coverage);
        // Read only when configured: status stays fast without a mirror (and the index keeps it fast with one).
        return _settings.VexDirectory is null ? status : status with { Exposure = Exposure.ExposureDetector.Detect(status, _settings) };
    }

    /// <summary>
    /// A remote target answers detection's reads in one round trip; if that fails, detection reads
    /// file by file and each failure becomes an unknown value with its own reason.
    /// </summary>
    private IHostSystem Snapshot(CancellationToken cancellationToken)
    {
        if (host is not Targets.ISnapshotSource source)
        {
            return host;
        }

        try
        {
            return source.Snapshot(KnownPaths.DetectionSnapshot, cancellationToken);
        }
        catch (HostSystemException)
        {
            return host;
        }
    }
}
