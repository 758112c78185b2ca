using System.Diagnostics;

namespace KpatchScript.Testing.Fixtures;

/// <summary>Runs a tool for test setup (argument vector, no shell) and fails loudly when it is missing or fails.</summary>
public static class ProcessHelper
{
    public static string Run(params string[] arguments) => Run(arguments, workingDirectory: null);

    public static string Run(IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var startInfo = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
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
                $"{arguments[0]} is required by this test but is not installed ({ex.Message}). Run tests/run, which installs the Debian packages the tests need.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}{stdout.Result}");
            }

            return stdout.Result;
        }
    }
}
