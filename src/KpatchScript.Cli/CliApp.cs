using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Commands;
using KpatchScript.Cli.Settings;
using KpatchScript.Host;
using KpatchScript.Serialization;

namespace KpatchScript.Cli;

/// <summary>Dispatches a command line to its verb and turns every failure into one line and an exit code.</summary>
internal static class CliApp
{
    /// <summary>Every verb, in the order of the command list.</summary>
    internal static readonly ICliCommand[] Commands =
    [
        new StatusCommand(),
        new VerifyCommand(),
        new PackageChangeCommand("install"),
        new PackageChangeCommand("update"),
        new PackageChangeCommand("remove"),
        new PackageChangeCommand("downgrade"),
        new AvailableCommand(),
        new ExposureCommand(),
        new AutoUpdateCommand(),
        new LoadCommand(),
        new UnloadCommand(),
        new InfoCommand(),
        new JournalCommand(),
        new ReportCommand(),
        new AlertsCommand(),
        new RunCommand(),
        new ReplCommand(),
        new WorkflowsCommand(),
        new EvalCommand(),
        new CheckCommand(),
        new PublishCommand(),
        new ExecCommand(),
        new NewCommand(),
        new InitCommand(),
        new PluginsCommand(),
    ];

    public static int Run(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ICliCommand? command = null;
        // "#!/usr/bin/env kpatch-script" runs "kpatch-script FILE.csx ARGS...": that is "run FILE.csx
        // ARGS...", so kpatch-script's options after the file are its own in both forms (as in
        // dotnet-script), and only what follows "--" reaches the script as it is (see RunArguments).
        var line = args;
        if (args.Count > 0 && args[0].EndsWith(".csx", StringComparison.Ordinal))
        {
            var run = new List<string>(args.Count + 1) { "run" };
            run.AddRange(args);
            line = run;
        }

        // Everything after "--" belongs to a script: no option of ours is looked for there.
        // (Loops, not LINQ: this runs before every command, and a cached script run is benchmarked.)
        var verbose = false;
        var arguments = new List<string>(line.Count);
        var separated = false;
        foreach (var arg in line)
        {
            separated |= arg == "--";
            if (!separated && arg == SharedOptions.VerboseName)
            {
                verbose = true;
                continue;
            }

            arguments.Add(arg);
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

            if (arguments[0] == "--info")
            {
                var json = arguments.Count == 2 && arguments[1] == "--json";
                if (arguments.Count > 1 && !json)
                {
                    throw new UsageException($"--info takes only --json, not '{arguments[1]}'");
                }

                environment.Out.Write(json ? Output.EnvironmentInfo.Json(environment) + "\n" : Output.EnvironmentInfo.Text(environment));
                return ExitCodes.Ok;
            }

            command = Array.Find(Commands, c => c.Name == arguments[0])
                ?? throw new UsageException($"unknown command '{arguments[0]}'; run 'kpatch-script --help' for the list");
            arguments.RemoveAt(0);
            var separator = arguments.IndexOf("--");
            var options = separator < 0 ? arguments : arguments.GetRange(0, separator);
            if (options.Contains("--help") || options.Contains("-h"))
            {
                environment.Out.WriteLine(command.Help);
                return ExitCodes.Ok;
            }

            environment = environment with { Config = Configuration.ConfigFile.Load(environment.ConfigPath), Verbose = verbose };
            try
            {
                return command.Run(arguments, environment, cancellationToken);
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
            environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(ex.Message)}");
            return ExitCodes.Usage;
        }
        catch (HostSystemException ex)
        {
            WriteFailure(environment, ex.Message, ex, verbose);
            return command?.Failed(arguments, environment, ex.Message) ?? ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = $"unexpected failure: {ex.Message} (run with --verbose for details, and please report it)";
            WriteFailure(environment, message, ex, verbose);
            return command?.Failed(arguments, environment, message) ?? ExitCodes.Failure;
        }
    }

    /// <summary>Messages quote host strings (paths, names, file contents): their control characters are shown, not sent to the terminal.</summary>
    private static void WriteFailure(CliEnvironment environment, string message, Exception ex, bool verbose)
    {
        environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(message)}");
        if (verbose)
        {
            environment.Error.WriteLine(SafeText.Lines(ex.ToString()));
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
              --info         Show the version, install location, framework, runtime and the
                             script cache and configuration paths (as dotnet-script --info; --json too)
              --verbose      Show full details when something fails

            """;
    }
}
