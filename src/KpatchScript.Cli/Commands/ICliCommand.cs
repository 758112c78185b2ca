namespace KpatchScript.Cli.Commands;

/// <summary>One verb of kpatch-script: its name, its help and how it runs.</summary>
internal interface ICliCommand
{
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full <c>--help</c> text.</summary>
    string Help { get; }

    /// <summary>Parses the arguments (throwing <see cref="CommandLine.UsageException"/>) and runs.</summary>
    int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken);

    /// <summary>
    /// The exit code of a failure (the configuration, the target, anything unexpected), after its
    /// one line on stderr: 1 for most verbs; verify answers Nagios UNKNOWN (3) instead, so that a
    /// monitoring system never reads a failure as a WARNING.
    /// </summary>
    int Failed(IReadOnlyList<string> arguments, CliEnvironment environment, string message) => ExitCodes.Failure;
}
