using System.Diagnostics;
using System.Globalization;
using KpatchScript.TestFixtures;

namespace KpatchScript.PluginHosting.Tests;

/// <summary>
/// A uid that no account uses, for a test running as root to act as an unprivileged attacker:
/// files are chowned to it, and <see cref="StartFlipping"/> runs a real second process as it
/// (<c>setpriv</c>, util-linux). Nothing is added to /etc/passwd, so there is nothing to delete
/// afterwards; <see cref="Dispose"/> kills the process.
/// </summary>
internal sealed class UnprivilegedUser : IDisposable
{
    /// <summary>
    /// Flips <c>DIR/cur</c> between <c>good</c> and <c>evil</c> until killed: a new link renamed
    /// over the old one (an atomic swap, as an attacker would do it), holding each target a random
    /// 0 to 2 ms so that a check and a load a little apart can see different targets. Perl: a
    /// loop in a process of its own that runs as any uid, without a shell.
    /// </summary>
    private const string Flipper = """
        my ($dir) = @ARGV;
        chdir $dir or die "chdir $dir: $!";
        alarm 600;
        for (my $n = 0; ; $n++) {
            symlink(($n % 2) ? "evil" : "good", "cur.new") or die "symlink: $!";
            rename("cur.new", "cur") or die "rename: $!";
            select(undef, undef, undef, rand(0.002));
        }
        """;

    private Process? _process;

    public UnprivilegedUser()
    {
        Uid = FreeUid();
    }

    public int Uid { get; }

    public string Id => Uid.ToString(CultureInfo.InvariantCulture);

    /// <summary>Gives <paramref name="path"/> (and what is under it) to this user.</summary>
    public void Own(string path, bool recursive = false) => ProcessHelper.Run(recursive ? ["chown", "-R", $"{Id}:{Id}", path] : ["chown", $"{Id}:{Id}", path]);

    /// <summary>Starts the flipper in <paramref name="directory"/> (which this user must be able to write) and waits for its first link.</summary>
    public void StartFlipping(string directory)
    {
        var startInfo = new ProcessStartInfo("setpriv") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "--reuid", Id, "--regid", Id, "--clear-groups", "--no-new-privs", "--", "perl", "-e", Flipper, directory })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo)!;
        var link = Path.Combine(directory, "cur");
        for (var i = 0; i < 500 && !_process.HasExited && new FileInfo(link).LinkTarget is null; i++)
        {
            Thread.Sleep(10);
        }

        if (_process.HasExited)
        {
            Assert.Fail($"the flipper ended with code {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
        }

        Assert.Equal(Id, ProcessHelper.Run("stat", "-c", "%u", link).Trim()); // the link is the unprivileged process's own
    }

    public void Dispose()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }

    private static int FreeUid()
    {
        for (var uid = 61000 + Random.Shared.Next(900); uid < 62000; uid++)
        {
            // getent exits 2 when no account has the uid.
            if (ProcessHelper.Execute("getent", "passwd", uid.ToString(CultureInfo.InvariantCulture)).ExitCode == 2)
            {
                return uid;
            }
        }

        throw new InvalidOperationException("no free uid between 61000 and 62000");
    }
}
