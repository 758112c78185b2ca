using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using KpatchScript.Operations;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// --progress in the real executable, its stdout a pipe read live as Cockpit's bridge reads it,
/// against real dnf in an installroot: the lines, then the document; a reader that closes its end
/// after the first line; SIGTERM after the first line. The slow package's %pre sleeps 4 s, so dnf
/// is still in its transaction when the test acts on the first line.
/// </summary>
public sealed class ProgressProcessTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>A hang guard, far above any run on a busy machine.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string JournalPath => Path.Combine(_root, OperationPaths.JournalRelative);

    [Fact]
    public async Task Install_json_progress_prints_dnfs_lines_as_json_then_the_document_install_json_prints()
    {
        var other = NewInstallRoot();
        try
        {
            var progress = await KpatchScriptCli.RunAsync(["install", "--json", "--progress", "--installroot", _root, "--kernel", Kernel362]);
            var plain = await KpatchScriptCli.RunAsync(["install", "--json", "--installroot", other, "--kernel", Kernel362]);

            Assert.Equal((0, "", 0, ""), (progress.ExitCode, progress.StandardError, plain.ExitCode, plain.StandardError));
            var (lines, document) = ProgressTests.SplitProgress(progress.StandardOutput);
            Assert.NotEmpty(lines);
            Assert.Contains(lines, l => l.Contains("Installing", StringComparison.Ordinal) && l.Contains(PatchName(Kernel362), StringComparison.Ordinal));
            Assert.Contains("Complete!", lines);
            Assert.Empty(JsonSchemaFile.OperationResult.Errors(document));
            Assert.Equal(ProgressTests.WithoutDuration(plain.StandardOutput.Replace(other, _root, StringComparison.Ordinal)), ProgressTests.WithoutDuration(document));
            Assert.Equal(["started", "succeeded"], Journal().Select(r => r.Outcome));
            Assert.Equal([$"{PatchName(Kernel362)}-1-2.el9_3.x86_64"], InstalledPackages(_root));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task A_reader_that_closes_stdout_after_the_first_line_does_not_stop_the_install()
    {
        using var install = CliProcess.Start(null, "install", "--json", "--progress", "--installroot", _root, "--kernel", KernelSlowPre);
        var stderr = install.StandardError.ReadToEndAsync();

        var first = await install.StandardOutput.ReadLineAsync().WaitAsync(Guard);
        install.StandardOutput.Close(); // the panel's Cancel: the read end goes, nothing more is read
        await install.WaitForExitAsync().WaitAsync(Guard);
        var error = await stderr;

        Assert.StartsWith("{\"progress\":", first, StringComparison.Ordinal);
        // Nothing signalled it: the install runs to its end. (The runtime drops writes to a closed
        // pipe; were one to fail, the writer would go quiet and the result's failure be one line.)
        Assert.Equal((0, ""), (install.ExitCode, error));
        Assert.Equal(["started", "succeeded"], Journal().Select(r => r.Outcome));
        Assert.Equal([$"{PatchName(KernelSlowPre)}-1-1.el9_8.x86_64"], InstalledPackages(_root));
        VerifyDatabase(_root);
    }

    [Fact]
    public async Task A_sigterm_after_the_first_progress_line_stops_at_the_safe_point_and_the_document_says_what_the_journal_says()
    {
        using var install = CliProcess.Start(null, "install", "--json", "--progress", "--installroot", _root, "--kernel", KernelSlowPre);
        var stderr = install.StandardError.ReadToEndAsync();

        var first = await install.StandardOutput.ReadLineAsync().WaitAsync(Guard);
        ProcessHelper.Run("kill", "-TERM", install.Id.ToString(CultureInfo.InvariantCulture));
        var rest = await install.StandardOutput.ReadToEndAsync().WaitAsync(Guard);
        await install.WaitForExitAsync().WaitAsync(Guard);
        var error = await stderr;

        Assert.StartsWith("{\"progress\":", first, StringComparison.Ordinal);
        var (lines, document) = ProgressTests.SplitProgress(first + "\n" + rest);
        Assert.NotEmpty(lines);
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(document));
        var result = JsonDocument.Parse(document).RootElement;
        var journal = Journal();
        output.WriteLine($"journal: {string.Join(", ", journal.Select(r => r.Outcome))}; exit {install.ExitCode}; {lines.Count} progress lines");
        Assert.Equal(2, journal.Count);
        Assert.Equal("started", journal[0].Outcome);
        Assert.Equal(journal[0].Id, journal[1].Id);
        // install is one dnf command: the signal lets it finish, and then nothing was left to stop.
        Assert.Equal(("succeeded", 0, "succeeded", ""), (journal[1].Outcome, install.ExitCode, result.GetProperty("outcome").GetString(), error));

        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal([$"{PatchName(KernelSlowPre)}-1-1.el9_8.x86_64"], InstalledPackages(_root)); // dnf was not killed mid-transaction
        VerifyDatabase(_root);
    }

    [Fact]
    public async Task The_panels_cancel_closing_both_streams_then_sigterm_lets_the_transaction_finish_and_journals_its_outcome()
    {
        using var install = CliProcess.Start(null, "install", "--json", "--progress", "--installroot", _root, "--kernel", KernelSlowPre);

        var first = await install.StandardOutput.ReadLineAsync().WaitAsync(Guard);
        install.StandardOutput.Close(); // Cockpit closes the channel, then the bridge sends SIGTERM
        install.StandardError.Close();
        ProcessHelper.Run("kill", "-TERM", install.Id.ToString(CultureInfo.InvariantCulture));
        await install.WaitForExitAsync().WaitAsync(Guard);

        Assert.StartsWith("{\"progress\":", first, StringComparison.Ordinal);
        var journal = Journal();
        output.WriteLine($"journal: {string.Join(", ", journal.Select(r => r.Outcome))}; exit {install.ExitCode}");
        Assert.Equal(2, journal.Count);
        Assert.Equal("started", journal[0].Outcome);
        Assert.Equal(("succeeded", 0), (journal[1].Outcome, install.ExitCode));
        Assert.Equal([$"{PatchName(KernelSlowPre)}-1-1.el9_8.x86_64"], InstalledPackages(_root));
        VerifyDatabase(_root);
    }

    private List<(string Id, string Outcome, string? Error)> Journal() =>
        File.ReadAllLines(JournalPath).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("outcome").GetString()!, r.TryGetProperty("error", out var e) ? e.GetString() : null)).ToList();
}
