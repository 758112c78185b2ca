using KpatchScript.Status;

namespace KpatchScript.Exposure;

/// <summary>
/// The exposure of a detected host, when a VEX directory is configured: not configured is said as
/// such (an optional feature, no verdict reason); a mirror that cannot be read is unknown, never an all-clear.
/// </summary>
internal static class ExposureDetector
{
    public static Reading<CveExposure> Detect(HostStatus status, KpatchSettings settings)
    {
        if (settings.VexDirectory is not { } mirror)
        {
            return Reading.Unknown<CveExposure>(CveExposure.NotConfigured);
        }

        if (ExposureEvaluator.HostFacts.WhyNot(status) is { } why)
        {
            return Reading.Unknown<CveExposure>(why);
        }

        try
        {
            return Reading.Known(ExposureEvaluator.Evaluate(VexIndex.Load(mirror, VexIndex.CacheFileOf(mirror, settings.CacheDirectory)), status));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Reading.Unknown<CveExposure>($"the VEX mirror cannot be read: {ex.Message}");
        }
    }
}
