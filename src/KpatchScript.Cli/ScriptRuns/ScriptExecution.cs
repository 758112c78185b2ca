using KpatchScript.Cli.Output;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Scripting;
using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.ScriptRuns;

/// <summary>What run, eval and exec share: the host, the options, and turning the outcome into stderr lines and an exit code.</summary>
internal static class ScriptExecution
{
    public static int Run(Func<ScriptClosure> closure, ScriptOptionGroup settings, List<string> scriptArguments, CliEnvironment environment, CancellationToken cancellationToken) =>
        Run(settings.Plugins, settings.Target, settings.DryRun, settings.Timeout, environment, (options, token) =>
            new ScriptHost(settings.NoCache ? null : ScriptCache.ForUser(), environment.Error, settings.Sources, environment.Config.ScriptRules, options.Extensions)
                .Run(closure(), scriptArguments, options, token), cancellationToken);

    /// <summary>Runs what <paramref name="start"/> starts (a script, a published DLL) with the plugins, target, dry-run and deadline given, and reports its end.</summary>
    public static int Run(IReadOnlyList<string> plugins, string target, bool dryRun, TimeSpan? timeout, CliEnvironment environment, Func<ScriptRunOptions, CancellationToken, ScriptOutcome> start, CancellationToken cancellationToken)
    {
        try
        {
            using var stop = new GracefulStop(cancellationToken);
            var outcome = start(new ScriptRunOptions
            {
                Target = target,
                DryRun = dryRun,
                Settings = environment.Settings,
                Timeout = timeout,
                Verbose = environment.Verbose,
                Out = environment.Out,
                Extensions = CliPlugins.Load(plugins, environment).Scripts,
            }, stop.Token);
            if (outcome.Message is { } message)
            {
                // The message may quote what the facade read from the host; compiler-style lines keep their line breaks.
                environment.Error.WriteLine(SafeText.Lines(outcome.End == ScriptEnd.Failed ? message : $"kpatch-script: {message}"));
            }

            // Diagnostics for tests and benchmarks: which assemblies this run loaded (a cache hit and exec must not load Roslyn or NuGet).
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
