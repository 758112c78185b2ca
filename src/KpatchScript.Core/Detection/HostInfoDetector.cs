using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Host name, os-release and architecture.</summary>
internal static class HostInfoDetector
{
    public static async Task<HostInfo> DetectAsync(HostReader reader, Reading<string> running) =>
        new(
            await FirstKnownAsync(reader.ReadValueAsync(KnownPaths.Hostname), () => reader.ReadValueAsync(KnownPaths.EtcHostname)).ConfigureAwait(false),
            await ReadOsReleaseAsync(reader).ConfigureAwait(false),
            await DetectArchitectureAsync(reader, running).ConfigureAwait(false));

    private static async Task<Reading<OsRelease>> ReadOsReleaseAsync(HostReader reader)
    {
        // os-release(5): /etc/os-release takes precedence; /usr/lib/os-release is the fallback.
        var path = await reader.ExistsAsync(KnownPaths.EtcOsRelease).ConfigureAwait(false) || !await reader.ExistsAsync(KnownPaths.UsrLibOsRelease).ConfigureAwait(false)
            ? KnownPaths.EtcOsRelease
            : KnownPaths.UsrLibOsRelease;
        return (await reader.ReadTextAsync(path).ConfigureAwait(false)).Then(text => OsReleaseParser.Parse(text, path));
    }

    private static async Task<Reading<string>> DetectArchitectureAsync(HostReader reader, Reading<string> running)
    {
        var fromProc = await reader.ReadValueAsync(KnownPaths.Arch).ConfigureAwait(false);
        if (fromProc.IsKnown)
        {
            return fromProc;
        }

        var uname = await reader.RunAsync("uname", "-m").ConfigureAwait(false);
        if (uname is { IsKnown: true, Value.Succeeded: true } && uname.Value.StandardOutput.Trim() is { Length: > 0 } machine)
        {
            return Reading.Known(machine);
        }

        // Distribution kernels name their architecture in the release: RHEL ".x86_64", Debian "-amd64".
        if (running.IsKnown && ArchitectureFromRelease(running.Value!) is { } fromRelease)
        {
            return Reading.Known(fromRelease);
        }

        return Reading.Unknown<string>($"{fromProc.UnknownReason}; uname -m: {uname.UnknownReason ?? uname.Value!.FirstErrorLine}; the kernel release names no architecture");
    }

    internal static string? ArchitectureFromRelease(string release)
    {
        string[] rpmArches = ["x86_64", "aarch64", "ppc64le", "s390x", "i686"];
        foreach (var arch in rpmArches)
        {
            if (release.EndsWith("." + arch, StringComparison.Ordinal) || release.Contains("." + arch + "+", StringComparison.Ordinal))
            {
                return arch;
            }
        }

        (string Suffix, string Arch)[] debianFlavours = [("-amd64", "x86_64"), ("-cloud-amd64", "x86_64"), ("-rt-amd64", "x86_64"), ("-arm64", "aarch64"), ("-ppc64el", "ppc64le"), ("-s390x", "s390x")];
        return debianFlavours.FirstOrDefault(f => release.EndsWith(f.Suffix, StringComparison.Ordinal)).Arch;
    }

    private static async Task<Reading<string>> FirstKnownAsync(Task<Reading<string>> first, Func<Task<Reading<string>>> second)
    {
        var reading = await first.ConfigureAwait(false);
        if (reading.IsKnown)
        {
            return reading;
        }

        var fallback = await second().ConfigureAwait(false);
        return fallback.IsKnown ? fallback : Reading.Unknown<string>($"{reading.UnknownReason}; {fallback.UnknownReason}");
    }
}
