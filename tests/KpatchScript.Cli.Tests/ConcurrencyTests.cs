using System.Diagnostics;
using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>The real executable in separate processes: the host lock between runs, and the journal against SIGKILL.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string JournalPath => Path.Combine(_root, OperationPaths.JournalRelative);

    private static Process Start(IDictionary<string, string>? environment, params string[] args) => CliProcess.Start(environment, args);

    private static (int ExitCode, string Out, string Error) Finish(Process process) => CliProcess.Finish(process);

    private void WaitForStartedRecord() => CliProcess.WaitForStartedRecord(JournalPath);

    private List<(string Id, string Outcome, int Pid)> Journal() =>
        File.ReadAllLines(JournalPath).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("outcome").GetString()!, r.GetProperty("pid").GetInt32())).ToList();

    [Fact]
    public void A_second_install_waits_for_the_first_and_they_never_interleave()
    {
        // The package's %pre sleeps 4 s, so the first install holds the lock that long.
        using var first = Start(null, "install", "--installroot", _root, "--kernel", KernelSlowPre);
        WaitForStartedRecord();
        using var second = Start(null, "install", "--installroot", _root, "--kernel", KernelSlowPre);

        var (firstExit, _, firstError) = Finish(first);
        var (secondExit, _, secondError) = Finish(second);

        Assert.Equal((0, ""), (firstExit, firstError));
        Assert.Equal((0, ""), (secondExit, secondError));
        var journal = Journal();
        // The second found the first's package installed: dnf had nothing to do, a no-op, not a second change.
        Assert.Equal(
            [(first.Id, "started"), (first.Id, "succeeded"), (second.Id, "started"), (second.Id, "unchanged")],
            journal.Select(r => (r.Pid, r.Outcome)));
        Assert.Equal([$"{PatchName(KernelSlowPre)}-1-1.el9_8.x86_64"], InstalledPackages(_root));
        VerifyDatabase(_root);
    }

    [Fact]
    public void A_second_install_that_may_not_wait_fails_clearly_and_changes_nothing()
    {
        var config = Path.Combine(_root, "kps-config.json");
        File.WriteAllText(config, """{ "lock_wait_seconds": 0 }""");
        using var first = Start(null, "install", "--installroot", _root, "--kernel", KernelSlowPre);
        WaitForStartedRecord();
        using var second = Start(new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = config }, "install", "--installroot", _root, "--kernel", Kernel362);

        var (secondExit, secondOut, secondError) = Finish(second);
        var (firstExit, _, _) = Finish(first);

        Assert.Equal((1, ""), (secondExit, secondOut));
        Assert.Equal(
            $"kpatch-script: error: another kpatch-script operation (pid {first.Id} of {Environment.UserName} on {Environment.MachineName}) holds {Path.Combine(_root, OperationPaths.LockRelative)} and did not finish within 0 s; try again when it has finished\n",
            secondError);
        Assert.Equal(0, firstExit);
        Assert.Equal([$"{PatchName(KernelSlowPre)}-1-1.el9_8.x86_64"], InstalledPackages(_root));
        Assert.DoesNotContain(Journal(), r => r.Pid == second.Id);
        VerifyDatabase(_root);
    }

    [Fact]
    public void A_sigterm_during_dnf_lets_the_transaction_finish_and_the_journal_says_it_succeeded()
    {
        using var install = Start(null, "install", "--installroot", _root, "--kernel", KernelSlowPre);
        WaitForStartedRecord();
        ProcessHelper.Run("kill", "-TERM", install.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (exitCode, _, stderr) = Finish(install);

        // install is one dnf command: once it finished there was nothing left to stop, so it is not "interrupted".
        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Equal(["started", "succeeded"], Journal().Select(r => r.Outcome));
        Assert.Equal([$"{PatchName(KernelSlowPre)}-1-1.el9_8.x86_64"], InstalledPackages(_root)); // dnf was not killed mid-transaction
    }

    [Fact]
    public void The_journal_survives_a_sigkill_right_after_success_is_reported()
    {
        using var install = Start(null, "install", "--json", "--installroot", _root, "--kernel", Kernel362);

        // The first byte of the report is the moment success is reported: kill there.
        var first = install.StandardOutput.Read();
        install.Kill();
        install.WaitForExit();

        Assert.Equal('{', (char)first);
        var journal = Journal();
        Assert.Equal(["started", "succeeded"], journal.Select(r => r.Outcome));
        Assert.Equal([$"{PatchName(Kernel362)}-1-2.el9_3.x86_64"], InstalledPackages(_root));
    }
}
