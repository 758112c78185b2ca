using KpatchScript.Cli.Output;
using KpatchScript.Cli.Plugins;
using KpatchScript.Scripting;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Interactive;
using KpatchScript.Scripting.Running;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.ScriptRuns;

/// <summary>What <c>repl</c> and <c>run -i</c> share: a session over stdin with the facade's target and dry-run, seeded or not.</summary>
internal static class ReplExecution
{
    /// <param name="seed">The script <c>run -i</c> runs first; null for <c>repl</c>. A missing file ends the command (exit 1); its compile or run errors are printed and the session goes on, as in dotnet-script.</param>
    /// <param name="target">--target.</param>
    /// <param name="dryRun">--dry-run.</param>
    /// <param name="sources">--source.</param>
    /// <param name="plugins">--plugins.</param>
    /// <param name="scriptArguments">Args.</param>
    /// <param name="environment">Streams, configuration.</param>
    /// <param name="cancellationToken">The process's.</param>
    /// <returns>0 at the end of input or #exit, as dotnet-script's REPL; 1 when the seed cannot be read.</returns>
    public static int Run(Func<ScriptClosure>? seed, string target, bool dryRun, IReadOnlyList<string> sources, IReadOnlyList<string> plugins, List<string> scriptArguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ScriptClosure? closure;
        try
        {
            closure = seed?.Invoke();
        }
        catch (ScriptException ex)
        {
            environment.Error.WriteLine(SafeText.Lines(ex.Message));
            return ExitCodes.Failure;
        }

        var host = new ScriptHost(cache: null, environment.Error, sources, environment.Config.ScriptRules, CliPlugins.Load(plugins, environment).Scripts);
        // Ctrl+C cancels Kpatch.Cancellation and ends the session (exit 130), also at the prompt.
        using var stop = new GracefulStop(cancellationToken);
        using var session = host.StartRepl(scriptArguments, new ScriptRunOptions
        {
            Target = target,
            DryRun = dryRun,
            Settings = environment.Settings,
            Verbose = environment.Verbose,
            Out = environment.Out,
        }, Environment.CurrentDirectory, stop.Token);
        if (closure is not null)
        {
            session.Seed(closure);
        }

        ReplLoop.Run(session, environment.In, environment.Out, environment.InputIsTerminal, stop.Token);
        return ExitCodes.Ok;
    }
}
