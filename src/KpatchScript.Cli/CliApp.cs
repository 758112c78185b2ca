using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Commands;
using KpatchScript.Host;

namespace KpatchScript.Cli;

/// <summary>Dispatches a command line to its verb and turns every failure into one line and an exit code.</summary>
internal static class CliApp
{
    private static readonly ICliCommand[] Commands = [new StatusCommand()];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var verbose = args.Contains("--verbose");
        var arguments = args.Where(a => a != "--verbose").ToList();
        try
        {
            if (arguments.Count == 0 || arguments[0] is "--help" or "-h" or "help")
            {
                var toStdout = arguments.Count > 0;
                await (toStdout ? environment.Out : environment.Error).WriteAsync(Usage()).ConfigureAwait(false);
                return toStdout ? ExitCodes.Ok : ExitCodes.Usage;
            }

            if (arguments[0] is "--version" or "version")
            {
                await environment.Out.WriteLineAsync(KpatchFacade.ToolVersion).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var command = Commands.FirstOrDefault(c => c.Name == arguments[0])
                ?? throw new UsageException($"unknown command '{arguments[0]}'; run 'kpatch-script --help' for the list");
            if (arguments.Skip(1).Any(a => a is "--help" or "-h"))
            {
                await environment.Out.WriteLineAsync(command.Help).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            return await command.RunAsync(arguments.Skip(1).ToList(), environment, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await environment.Error.WriteLineAsync($"kpatch-script: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (HostSystemException ex)
        {
            await WriteFailureAsync(environment, ex.Message, ex, verbose).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await WriteFailureAsync(environment, $"unexpected failure: {ex.Message} (run with --verbose for details, and please report it)", ex, verbose).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static async Task WriteFailureAsync(CliEnvironment environment, string message, Exception ex, bool verbose)
    {
        await environment.Error.WriteLineAsync($"kpatch-script: error: {message}").ConfigureAwait(false);
        if (verbose)
        {
            await environment.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
        }
    }

    private static string Usage()
    {
        var width = Commands.Max(c => c.Name.Length) + 2;
        var lines = string.Join("\n", Commands.Select(c => "  " + c.Name.PadRight(width) + c.Summary));
        return $"""
            kpatch-script {KpatchFacade.ToolVersion}: scriptable, verifiable kernel live patching (kpatch)

            Usage: kpatch-script <command> [options]

            Commands:
            {lines}

            Global options:
              --help, -h     Show help (also after a command: kpatch-script status --help)
              --version      Show the version
              --verbose      Show full details when something fails

            """;
    }
}
