using System.Reflection;
using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Status;

namespace KpatchScript;

/// <summary>The kpatch facade over one target.</summary>
public sealed class KpatchFacade(IHostSystem host, TimeProvider time) : IKpatchFacade
{
    /// <summary>The product version, as built.</summary>
    public static string ToolVersion { get; } =
        typeof(KpatchFacade).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public string Target => host.Name;

    public async Task<HostStatus> DetectAsync(CancellationToken cancellationToken = default)
    {
        var collectedAt = time.GetUtcNow();
        var reader = new HostReader(host, cancellationToken);
        var running = await reader.ReadValueAsync(KnownPaths.OsRelease).ConfigureAwait(false);
        var livepatch = await LivepatchDetector.DetectAsync(reader, running).ConfigureAwait(false);
        var kpatch = await KpatchToolingDetector.DetectAsync(reader, running, livepatch.Patches).ConfigureAwait(false);
        var packages = await PackageDetector.DetectAsync(reader, running).ConfigureAwait(false);
        var kernel = await KernelDetector.DetectAsync(reader, running, livepatch.Patches).ConfigureAwait(false);
        var hostInfo = await HostInfoDetector.DetectAsync(reader, running).ConfigureAwait(false);
        return new HostStatus(HostStatus.CurrentSchemaVersion, host.Name, collectedAt, ToolVersion, hostInfo, kernel, livepatch, kpatch, packages);
    }
}
