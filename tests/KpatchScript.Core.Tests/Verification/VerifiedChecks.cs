using KpatchScript.Status;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verification;

/// <summary>The built-in checks of a fake host, judged now (no transition watch), for the Verification tests.</summary>
internal static class VerifiedChecks
{
    /// <summary>Every check; <paramref name="change"/> alters the detected status first (a status read back, say).</summary>
    public static IReadOnlyList<VerificationCheck> Of(FakeHostSystem host, Func<HostStatus, HostStatus>? change = null)
    {
        var facade = new KpatchFacade(host, FixedTimeProvider.Default);
        var status = facade.Detect();
        return facade.VerifyNow(change?.Invoke(status) ?? status).Checks;
    }

    /// <summary>The one check named <paramref name="name"/>.</summary>
    public static VerificationCheck Named(FakeHostSystem host, string name, Func<HostStatus, HostStatus>? change = null) =>
        Of(host, change).Single(c => c.Name == name);
}
