using KpatchScript.Operations;
using KpatchScript.Serialization;
using Spectre.Console;

namespace KpatchScript.Cli.Output;

/// <summary>Human output of operations that change the host, and their progress while they run (host strings through <see cref="SafeText"/>).</summary>
internal static class OperationView
{
    /// <summary>
    /// Writes the result; returns the exit code. A failure is one line on stderr. The journal has
    /// the outcome already; when the result cannot be written (its reader has gone), stderr says
    /// so, with the outcome, and the exit code is 1: the caller did not get the result.
    /// </summary>
    public static int Write(OperationResult result, CliEnvironment environment, bool json)
    {
        try
        {
            return WriteResult(result, environment, json);
        }
        catch (IOException ex)
        {
            try
            {
                environment.Error.WriteLine(SafeText.Of($"kpatch-script: error: the result of {result.Operation} could not be written ({ex.Message}); it {OperationJson.OutcomeName(result.Outcome)}: 'kpatch-script journal' shows it"));
            }
            catch (IOException)
            {
                // stderr has gone too: the exit code and the journal are all that is left.
            }

            return ExitCodes.Failure;
        }
    }

    private static int WriteResult(OperationResult result, CliEnvironment environment, bool json)
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

    /// <summary>Runs <paramref name="operation"/> with a spinner on interactive terminals (commands without --progress).</summary>
    public static T WithProgress<T>(CliEnvironment environment, bool json, string title, Func<IProgress<string>?, T> operation) =>
        WithProgress(environment, json, lines: false, title, operation);

    /// <summary>
    /// Runs <paramref name="operation"/> with its progress shown: with --progress
    /// (<paramref name="lines"/>) every line as it comes (<see cref="ProgressLines"/>: stdout with
    /// --json, stderr otherwise); without it a spinner showing the latest line on interactive
    /// terminals, and nothing in pipes and with --json.
    /// </summary>
    public static T WithProgress<T>(CliEnvironment environment, bool json, bool lines, string title, Func<IProgress<string>?, T> operation)
    {
        if (lines)
        {
            var progress = new ProgressLines(json ? environment.Out : environment.Error, json, title);
            try
            {
                return operation(progress);
            }
            finally
            {
                progress.Complete();
            }
        }

        if (json || !environment.IsInteractive)
        {
            return operation(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
        return console.Status().Start(title, context =>
            operation(new Progress<string>(line => context.Status($"{Markup.Escape(title)}: {Markup.Escape(SafeText.Of(line.Length > 70 ? line[..70] : line))}"))));
    }
}
