using KpatchScript.Cli.Output;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Scripting;
using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.ScriptRuns;

/// <summary>What run and eval share: the host, the options, and turning the outcome into stderr lines and an exit code.</summary>
internal static class ScriptExecution
{
    public static int Run(Func<ScriptClosure> closure, ScriptOptionGroup settings, List<string> scriptArguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            var plugins = CliPlugins.Load(settings.Plugins, environment);
            var host = new ScriptHost(settings.NoCache ? null : ScriptCache.ForUser(), environment.Error, settings.Sources, environment.Config.ScriptRules, plugins.Scripts);
            using var stop = new GracefulStop(cancellationToken);
            var outcome = host.Run(closure(), scriptArguments, new ScriptRunOptions
            {
                Target = settings.Target,
                DryRun = settings.DryRun,
                Settings = environment.Settings,
                Timeout = settings.Timeout,
                Verbose = environment.Verbose,
                Out = environment.Out,
            }, stop.Token);
            if (outcome.Message is { } message)
            {
                // The message may quote what the facade read from the host; compiler-style lines keep their line breaks.
                environment.Error.WriteLine(SafeText.Lines(outcome.End == ScriptEnd.Failed ? message : $"kpatch-script: {message}"));
            }

            // Diagnostics for tests and benchmarks: which assemblies this run loaded (a cache hit must not load Roslyn or NuGet).
            if (Environment.GetEnvironmentVariable("KPATCH_SCRIPT_TRACE_ASSEMBLIES") is { Length: > 0 } trace)
            {
                WriteLoadedAssemblies(trace);
            }

            return outcome.ExitCode;
        }
        catch (ScriptException ex)
        {
            // Compiler-style lines (file(line,col): error CSnnnn: ...), printed as they are.
            environment.Error.WriteLine(SafeText.Lines(ex.Message));
            return ExitCodes.Failure;
        }
    }

    // A method of its own: LINQ used inline in Run would load System.Linq on every run, traced or not.
    private static void WriteLoadedAssemblies(string path) =>
        File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "?").Order(StringComparer.Ordinal));
}
