using KpatchScript.Alerts;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.PluginHosting.Tests;

/// <summary>A captured host to verify and to build alert batches from.</summary>
internal static class Sysroot
{
    public static KpatchFacade Facade(PluginHost plugins) =>
        new(HostSystems.Open("sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)), FixedTimeProvider.Default) { Checks = plugins.VerificationChecks };

    public static HostStatus Status() => Facade(EmptyHost.Instance).Detect();

    public static AlertBatch Batch(params Alert[] notifications)
    {
        var status = Status();
        return new(status, null, notifications, notifications, FixedTimeProvider.Default.GetUtcNow(), Verdicts.VerdictJudge.Judge(status, checks: null));
    }

    private static class EmptyHost
    {
        public static readonly PluginHost Instance = PluginHost.Load(new PluginHostOptions());
    }
}
