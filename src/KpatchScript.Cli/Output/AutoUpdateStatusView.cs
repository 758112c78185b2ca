using System.Text.Json;
using KpatchScript.Serialization;
using KpatchScript.Status;

namespace KpatchScript.Cli.Output;

/// <summary>
/// <c>auto-update status</c>: kpatch-dnf's setting, the kernels it covers as far as they can be
/// inferred, and kpatch.service. kpatch-dnf records only autoupdate, so "current" is inferred the way
/// Cockpit shows its "current kernel only" choice: autoupdate off while kpatch.service is enabled.
/// </summary>
internal static class AutoUpdateStatusView
{
    public static string Of(KpatchTooling kpatch, bool json)
    {
        var dnf = kpatch.Dnf;
        var setting = !dnf.IsKnown ? $"unknown ({dnf.UnknownReason})"
            : !dnf.Value!.Installed ? "kpatch-dnf is not installed"
            : dnf.Value.AutoUpdate.IsKnown ? (dnf.Value.AutoUpdate.Value ? "on" : "off") : $"unknown ({dnf.Value.AutoUpdate.UnknownReason})";
        var service = kpatch.Service.IsKnown ? kpatch.Service.Value!.State : "unknown";
        var kernels = setting switch
        {
            "on" => "all",
            "off" when service == "enabled" => "current",
            "off" when kpatch.Service.IsKnown => "off",
            _ => "unknown",
        };
        if (json)
        {
            var word = setting is "on" or "off" ? setting : "unknown";
            return $"{{\"schema_version\": 1, \"auto_update\": \"{word}\", \"kernels\": \"{kernels}\", \"service\": {JsonSerializer.Serialize(service, StatusJsonContext.Default.String)}}}";
        }

        var serviceText = kpatch.Service.IsKnown ? service : $"unknown ({kpatch.Service.UnknownReason})";
        return $"auto-update: {SafeText.Of(setting)}\nkernels: {kernels}\nkpatch.service: {SafeText.Of(serviceText)}";
    }
}
