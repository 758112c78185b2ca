using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Host name, os-release and architecture.</summary>
internal static class HostInfoDetector
{
    public static HostInfo Detect(HostReader reader, Reading<string> running) =>
        new(
            FirstKnown(KernelHostname(reader), () => reader.ReadValue(KnownPaths.EtcHostname)),
            ReadOsRelease(reader),
            DetectArchitecture(reader, running));

    /// <summary>
    /// The kernel says "(none)" until user space sets a name (a busybox initramfs never does): that
    /// is not a host called "(none)", so /etc/hostname is asked next, and the reason quotes the value.
    /// </summary>
    private static Reading<string> KernelHostname(HostReader reader) =>
        reader.ReadValue(KnownPaths.Hostname).Then(name => name == "(none)"
            ? Reading.Unknown<string>($"{KnownPaths.Hostname} reads '(none)': the host name was never set")
            : Reading.Known(name));

    private static Reading<OsRelease> ReadOsRelease(HostReader reader)
    {
        // os-release(5): /etc/os-release takes precedence; /usr/lib/os-release is the fallback.
        var path = reader.Exists(KnownPaths.EtcOsRelease) || !reader.Exists(KnownPaths.UsrLibOsRelease)
            ? KnownPaths.EtcOsRelease
            : KnownPaths.UsrLibOsRelease;
        return (reader.ReadText(path)).Then(text => OsReleaseParser.Parse(text, path));
    }

    private static Reading<string> DetectArchitecture(HostReader reader, Reading<string> running)
    {
        var fromProc = reader.ReadValue(KnownPaths.Arch);
        if (fromProc.IsKnown)
        {
            return fromProc;
        }

        var uname = reader.Run("uname", "-m");
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
        foreach (var (suffix, arch) in debianFlavours)
        {
            if (release.EndsWith(suffix, StringComparison.Ordinal))
            {
                return arch;
            }
        }

        return null;
    }

    private static Reading<string> FirstKnown(Reading<string> reading, Func<Reading<string>> second)
    {
        if (reading.IsKnown)
        {
            return reading;
        }

        var fallback = second();
        return fallback.IsKnown ? fallback : Reading.Unknown<string>($"{reading.UnknownReason}; {fallback.UnknownReason}");
    }
}
