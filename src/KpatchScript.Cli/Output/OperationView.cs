using KpatchScript.Operations;
using KpatchScript.Serialization;
using Spectre.Console;

namespace KpatchScript.Cli.Output;

/// <summary>Human output of operations that change the host, and their progress while they run (host strings through <see cref="SafeText"/>).</summary>
internal static class OperationView
{
    /// <summary>Writes the result; returns the exit code. A failure is one line on stderr.</summary>
    public static int Write(OperationResult result, CliEnvironment environment, bool json)
    {
        if (json)
        {
            environment.Out.WriteLine(OperationJson.Write(result));
        }
        else if (result.Outcome == OperationOutcome.Planned)
        {
            environment.Out.WriteLine(SafeText.Of($"Dry run: {result.Operation} would run, on {result.Target}:"));
            foreach (var step in result.Plan.Count > 0 ? result.Plan : result.Commands.Select(c => c.ToString()))
            {
                environment.Out.WriteLine("  " + SafeText.Of(step));
            }

            // remove and downgrade say what they would leave as it is: the running kernel.
            if (result.Detail is { } detail)
            {
                environment.Out.WriteLine(SafeText.Of(detail));
            }

            environment.Out.WriteLine("Nothing was changed.");
        }
        else if (result.Outcome == OperationOutcome.Unchanged)
        {
            environment.Out.WriteLine(SafeText.Of($"{result.Operation}: nothing to do on {result.Target}: {result.Detail}"));
        }
        else if (result.Outcome == OperationOutcome.Succeeded)
        {
            environment.Out.WriteLine(SafeText.Of($"{result.Operation}: done on {result.Target} ({result.Duration.TotalSeconds:0.0} s): {string.Join("; ", result.Commands)}"));
            if (result.Detail is { } detail)
            {
                environment.Out.WriteLine(SafeText.Of(detail));
            }
        }

        if (result.Outcome == OperationOutcome.Failed)
        {
            environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(result.Error)}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> with a spinner showing dnf's latest line on interactive
    /// terminals; otherwise (pipes, --json) without any progress output.
    /// </summary>
    public static T WithProgress<T>(CliEnvironment environment, bool json, string title, Func<IProgress<string>?, T> operation)
    {
        if (json || !environment.IsInteractive)
        {
            return operation(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
        return console.Status().Start(title, context =>
            operation(new Progress<string>(line => context.Status($"{Markup.Escape(title)}: {Markup.Escape(SafeText.Of(line.Length > 70 ? line[..70] : line))}"))));
    }
}
