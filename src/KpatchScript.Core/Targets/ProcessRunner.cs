using System.ComponentModel;
using System.Diagnostics;
using KpatchScript.Host;
using KpatchScript.IO;

namespace KpatchScript.Targets;

/// <summary>
/// Starts a local process from an argument vector (no shell) and collects its output, up to a
/// limit per stream: a command that prints without end (a remote <c>cat</c> of a device, a runaway
/// tool) is stopped with a message instead of filling memory.
/// </summary>
internal static class ProcessRunner
{
    public static CommandResult Run(CommandSpec command, CancellationToken cancellationToken) =>
        Run(command.Arguments, command.Timeout, cancellationToken, command.Progress);

    // outputLimit: the most bytes kept of each of stdout and stderr; past it the process is stopped and OutputTooLargeException thrown.
    public static CommandResult Run(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, IProgress<string>? progress = null, long outputLimit = ReadLimits.CommandOutput)
    {
        using var process = Start(arguments);
        process.StandardInput.Close();

        // Both pipes drain concurrently, so a chatty stderr cannot block the process.
        var stdout = progress is null ? ReadCappedAsync(process, process.StandardOutput.BaseStream, outputLimit) : ReadLinesAsync(process, process.StandardOutput, progress, outputLimit);
        var stderr = ReadCappedAsync(process, process.StandardError.BaseStream, outputLimit);
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
        var (output, error) = (stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        return output is null || error is null
            ? throw new OutputTooLargeException($"{arguments[0]} printed more than {ReadLimits.Describe(outputLimit)} and was stopped: that is not the output of a working command")
            : new CommandResult(process.ExitCode, output, error);
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

    /// <summary>All of a stream as UTF-8 text; null (and the process stopped) past <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadCappedAsync(Process process, Stream stream, long limit)
    {
        using var bytes = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (bytes.Length + read > limit)
            {
                Kill(process);
                return null;
            }

            bytes.Write(buffer, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static async Task<string?> ReadLinesAsync(Process process, StreamReader reader, IProgress<string> progress, long limit)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (text.Length + line.Length + 1 > limit)
            {
                Kill(process);
                return null;
            }

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

/// <summary>A command printed more than kpatch-script keeps (<see cref="ReadLimits.CommandOutput"/>, or a remote read's limit).</summary>
public sealed class OutputTooLargeException(string message) : HostSystemException(message);
