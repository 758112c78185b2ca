using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Settings;

namespace KpatchScript.Cli.Commands;

/// <summary>One verb of kpatch-script: its name, its option table, its help and how it runs.</summary>
internal interface ICliCommand
{
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>What the verb accepts: its usage, the options of its help and its parser all come from this table.</summary>
    OptionTable Options { get; }

    /// <summary>The full <c>--help</c>: usage and options from <see cref="Options"/>, around the verb's own prose.</summary>
    string Help { get; }

    /// <summary>Reads and validates the arguments into the verb's settings (throwing <see cref="UsageException"/>); <see cref="Run"/> starts with it.</summary>
    IVerbSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment);

    /// <summary>Parses the arguments (throwing <see cref="UsageException"/>) and runs.</summary>
    int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken);

    /// <summary>
    /// The exit code of a failure (the configuration, the target, anything unexpected), after its
    /// one line on stderr: 1 for most verbs; verify answers Nagios UNKNOWN (3) instead, so that a
    /// monitoring system never reads a failure as a WARNING.
    /// </summary>
    int Failed(IReadOnlyList<string> arguments, CliEnvironment environment, string message) => ExitCodes.Failure;
}
