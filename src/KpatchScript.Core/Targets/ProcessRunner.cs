using System.ComponentModel;
using System.Diagnostics;
using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>Starts a local process from an argument vector (no shell) and collects its output.</summary>
internal static class ProcessRunner
{
    public static async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
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

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new CommandUnavailableException($"{arguments[0]} is not installed or cannot be started ({ex.Message})");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new HostSystemException($"{arguments[0]} did not finish within {timeout.TotalSeconds:0} s and was stopped");
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
