using System.ComponentModel;
using System.Diagnostics;
using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>Starts a local process from an argument vector (no shell) and collects its output.</summary>
internal static class ProcessRunner
{
    public static CommandResult Run(CommandSpec command, CancellationToken cancellationToken) =>
        Run(command.Arguments, command.Timeout, cancellationToken, command.Progress);

    public static CommandResult Run(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, IProgress<string>? progress = null)
    {
        using var process = Start(arguments);
        process.StandardInput.Close();

        // Both pipes drain concurrently, so a chatty stderr cannot block the process.
        var stdout = progress is null ? process.StandardOutput.ReadToEndAsync(CancellationToken.None) : ReadLinesAsync(process.StandardOutput, progress);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using (cancellationToken.Register(() => Kill(process)))
        {
            if (!process.WaitForExit(timeout))
            {
                Kill(process);
                throw new HostSystemException($"{arguments[0]} did not finish within {timeout.TotalSeconds:0} s and was stopped");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        process.WaitForExit(); // lets the output pipes reach their end
        return new CommandResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Starts <paramref name="arguments"/> with stdin, stdout and stderr as pipes of the caller's.</summary>
    /// <exception cref="CommandUnavailableException">The program is not installed or cannot be started.</exception>
    public static Process Start(IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Parsers expect untranslated, unpaged output.
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["SYSTEMD_PAGER"] = "";

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new CommandUnavailableException($"{arguments[0]} is not installed or cannot be started ({ex.Message})");
        }

        return process;
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, IProgress<string> progress)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            text.Append(line).Append('\n');
            progress.Report(line);
        }

        return text.ToString();
    }

    /// <summary>Stops the process and what it started; nothing when it already ended.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
