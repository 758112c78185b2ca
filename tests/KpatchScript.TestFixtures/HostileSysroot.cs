namespace KpatchScript.TestFixtures;

/// <summary>
/// A captured host whose strings attack the terminal and the table markup: the covered RHEL 9
/// tree, copied, with a host name and an os-release PRETTY_NAME carrying escape sequences (retitle
/// the terminal, clear it, a C1 CSI), a patch directory named <c>kpatch_[red]x</c> with functions
/// <c>f[bogus]</c> and one with a right-to-left override, in transition, waiting for a task named
/// <c>pg[/]</c> with escapes (a task name may hold '/'; a sysfs directory name cannot). Made at
/// test time, so no control character is committed.
/// </summary>
public static class HostileSysroot
{
    public const string Patch = "kpatch_[red]x";
    public const string Hostname = "db01\u001b]0;OWNED\u0007\u001b[2J";
    public const string PrettyName = "\u001b]0;OWNED\u0007Red Hat \u009b31mEnterprise Linux 9.6";

    /// <summary>The name its reports give it (as the sysroot fixtures are named).</summary>
    public const string Name = "hostile-text";

    private static readonly Lazy<string> Root = new(Build);

    /// <summary>The tree (made once per test run and shared: tests must not write to it).</summary>
    public static string Get() => Root.Value;

    /// <summary>
    /// Null when <paramref name="text"/> has no character a terminal would act on (none below U+0020
    /// but the line break, no DEL or C1, no line or paragraph separator, no bidirectional control);
    /// else where the first one is. Written out here, not taken from the product's SafeText: the
    /// test must not share the code it checks.
    /// </summary>
    public static string? FirstRawControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < '\u0020' && c != '\n') || c is >= '\u007f' and <= '\u009f' || c is '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029'
                || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069')
            {
                return $"raw U+{(int)c:X4} at {i}, after: {text[Math.Max(0, i - 60)..i]}";
            }
        }

        return null;
    }

    private static string Build()
    {
        var root = Path.Combine(Path.GetTempPath(), $"kps-hostile-{Environment.ProcessId}");
        SysrootFixtures.Materialize(SysrootFixtures.Rhel9Covered, root);
        SysrootFixtures.Write(root, "proc/sys/kernel/hostname", Hostname + "\n");
        var osRelease = Path.Combine(root, "etc/os-release");
        File.WriteAllLines(osRelease, File.ReadAllLines(osRelease).Select(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal) ? $"PRETTY_NAME=\"{PrettyName}\"" : l));

        var patch = $"sys/kernel/livepatch/{Patch}";
        SysrootFixtures.Write(root, $"{patch}/enabled", "1\n");
        SysrootFixtures.Write(root, $"{patch}/transition", "1\n");
        SysrootFixtures.Write(root, $"{patch}/vmlinux/patched", "0\n");
        Directory.CreateDirectory(Path.Combine(root, patch, "vmlinux", "f[bogus],1"));
        Directory.CreateDirectory(Path.Combine(root, patch, "vmlinux", "g\u202egnp.exe,1"));
        SysrootFixtures.Write(root, "proc/812/task/815/patch_state", "0\n");
        SysrootFixtures.Write(root, "proc/812/task/815/comm", "pg[/]\u001b]0;OWNED\u0007\n");
        SysrootFixtures.Write(root, "proc/812/task/815/stack", "[<0>] do_nanosleep\u001b[2J+0x6d/0x1a0\n");
        return root;
    }
}
