using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Commands;
using KpatchScript.Host;

namespace KpatchScript.Cli;

/// <summary>Dispatches a command line to its verb and turns every failure into one line and an exit code.</summary>
internal static class CliApp
{
    private static readonly ICliCommand[] Commands =
    [
        new StatusCommand(),
        new VerifyCommand(),
        new PackageChangeCommand("install"),
        new PackageChangeCommand("update"),
        new AvailableCommand(),
        new AutoUpdateCommand(),
        new LoadCommand(),
        new UnloadCommand(),
        new RunCommand(),
        new EvalCommand(),
        new CheckCommand(),
        new NewCommand(),
    ];

    public static int Run(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        // Everything after "--" belongs to a script: no option of ours is looked for there.
        var separator = args.ToList().IndexOf("--");
        var ours = separator < 0 ? args : args.Take(separator).ToList();
        var verbose = ours.Contains("--verbose");
        var arguments = ours.Where(a => a != "--verbose").Concat(separator < 0 ? [] : args.Skip(separator)).ToList();
        if (args.Count > 0 && args[0].EndsWith(".csx", StringComparison.Ordinal))
        {
            // "#!/usr/bin/env kpatch-script" runs "kpatch-script FILE.csx ARGS...": all of ARGS are the script's, --verbose too.
            arguments = ["run", args[0], "--", .. args.Skip(1)];
            verbose = false;
        }

        try
        {
            if (arguments.Count == 0 || arguments[0] is "--help" or "-h" or "help")
            {
                var toStdout = arguments.Count > 0;
                (toStdout ? environment.Out : environment.Error).Write(Usage());
                return toStdout ? ExitCodes.Ok : ExitCodes.Usage;
            }

            if (arguments[0] is "--version" or "version")
            {
                environment.Out.WriteLine(KpatchFacade.ToolVersion);
                return ExitCodes.Ok;
            }

            var command = Commands.FirstOrDefault(c => c.Name == arguments[0])
                ?? throw new UsageException($"unknown command '{arguments[0]}'; run 'kpatch-script --help' for the list");
            if (arguments.Skip(1).TakeWhile(a => a != "--").Any(a => a is "--help" or "-h"))
            {
                environment.Out.WriteLine(command.Help);
                return ExitCodes.Ok;
            }

            environment = environment with { Settings = Configuration.ConfigFile.Load(environment.ConfigPath), Verbose = verbose };
            try
            {
                return command.Run(arguments.Skip(1).ToList(), environment, cancellationToken);
            }
            finally
            {
                environment.CloseTargets();
            }
        }
        catch (OperationCanceledException)
        {
            environment.Error.WriteLine("kpatch-script: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (UsageException ex)
        {
            environment.Error.WriteLine($"kpatch-script: error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (HostSystemException ex)
        {
            WriteFailure(environment, ex.Message, ex, verbose);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WriteFailure(environment, $"unexpected failure: {ex.Message} (run with --verbose for details, and please report it)", ex, verbose);
            return ExitCodes.Failure;
        }
    }

    private static void WriteFailure(CliEnvironment environment, string message, Exception ex, bool verbose)
    {
        environment.Error.WriteLine($"kpatch-script: error: {message}");
        if (verbose)
        {
            environment.Error.WriteLine(ex.ToString());
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
