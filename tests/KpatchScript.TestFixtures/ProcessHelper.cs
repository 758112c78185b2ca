using System.Diagnostics;
using KpatchScript.Host;

namespace KpatchScript.TestFixtures;

/// <summary>
/// Runs a program for a test or a benchmark (argument vector, no shell). A missing program is a
/// loud failure naming the way to install it, never a skip.
/// </summary>
public static class ProcessHelper
{
    /// <summary>Runs and returns whatever happened, whatever the exit code.</summary>
    public static CommandResult Execute(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"{arguments[0]} is required here but is not installed ({ex.Message}). Run tests/run, which installs the Debian packages the tests need.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return new CommandResult(process.ExitCode, stdout.Result, stderr);
        }
    }

    /// <summary>
    /// Runs in <paramref name="workingDirectory"/> with <paramref name="environment"/> added to this
    /// process's variables. Stdin is always redirected, so a child never reads the test host's own
    /// stdin: it receives <paramref name="standardInput"/>, or is closed empty. A process still running
    /// after <paramref name="timeout"/> is killed (with its children) and the call throws, so a hung
    /// child fails its test instead of hanging the run.
    /// </summary>
    public static async Task<CommandResult> ExecuteAsync(
        IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, string? standardInput, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(standardInput ?? "");
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', arguments)} did not exit within {timeout.TotalSeconds:0} s and was killed");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and returns stdout; a non-zero exit throws with the program's own words.</summary>
    public static string Run(params string[] arguments)
    {
        var result = Execute(arguments);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"{string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
    }
}
