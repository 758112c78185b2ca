using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using KpatchScript.Scripts;

namespace KpatchScript.Scripting.Running;

/// <summary>
/// Runs an emitted script assembly: loads it into a collectible context, calls the entry point
/// Roslyn generates (<c>Submission#0.&lt;Factory&gt;</c>, slot 0 of its array holds the globals),
/// and waits. The script runs on a thread of its own, so a script that ignores its cancellation
/// token can still be given up on at the deadline: the token is cancelled first, the script gets
/// a grace period to stop, then the run ends without it (a CLI process then exits).
/// </summary>
public static partial class ScriptRunner
{
    /// <summary>How long a cancelled script may take to stop by itself.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    /// <param name="load">Loads the script assembly into the run's context.</param>
    /// <param name="entryToken">Metadata token of <c>Submission#0.&lt;Factory&gt;</c> (<see cref="Compilation.CompiledScript.EntryToken"/>).</param>
    /// <param name="references">Files of #r and package assemblies the script loads.</param>
    /// <param name="args">The script's Args.</param>
    /// <param name="options">Target, dry-run, timeout, output.</param>
    /// <param name="cancellationToken">SIGINT/SIGTERM.</param>
    public static ScriptOutcome Run(Func<AssemblyLoadContext, Assembly> load, int entryToken, IReadOnlyList<string> references, IList<string> args, ScriptRunOptions options, CancellationToken cancellationToken)
    {
        var context = new ScriptLoadContext(references);
        try
        {
            return RunIn(context, load, entryToken, args, options, cancellationToken);
        }
        finally
        {
            context.Unload();
        }
    }

    private static ScriptOutcome RunIn(ScriptLoadContext loadContext, Func<AssemblyLoadContext, Assembly> load, int entryToken, IList<string> args, ScriptRunOptions options, CancellationToken cancellationToken)
    {
        // By metadata token, recorded at compile time: looking the type up by name ("Submission#0")
        // starts the type-name parser, which costs a cached run about 8 ms.
        var entry = load(loadContext).ManifestModule.ResolveMethod(entryToken) as MethodInfo;
        if (entry is not { Name: "<Factory>", IsStatic: true })
        {
            throw new ScriptException("the compiled script has no entry point (Submission#0.<Factory>): clear the cache (KPATCH_SCRIPT_CACHE) or run with --no-cache");
        }

        // A delegate, not MethodInfo.Invoke: the first reflection call costs a cached run milliseconds; exceptions come unwrapped too.
        var factory = entry.CreateDelegate<Func<object?[], Task<int>>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var context = new ScriptContext { Target = options.Target, DryRun = options.DryRun, Settings = options.Settings, Cancellation = stop.Token, Out = options.Out };
        var globals = new ScriptGlobals(args, options.Out);
        var exitCodeBefore = Environment.ExitCode;
        int? returned = null;
        Exception? failure = null;
        using var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                using (context.Enter())
                {
                    returned = factory([globals, null]).GetAwaiter().GetResult();
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                done.Set();
            }
        })
        { IsBackground = true, Name = "kpatch-script" };
        thread.Start();

        var deadline = options.Timeout ?? Timeout.InfiniteTimeSpan;
        var signalled = WaitHandle.WaitAny([done.WaitHandle, cancellationToken.WaitHandle], deadline);
        if (signalled != 0)
        {
            var interrupted = cancellationToken.IsCancellationRequested;
            stop.Cancel();
            var stopped = done.Wait(GracePeriod, CancellationToken.None);
            var what = interrupted ? "interrupted" : $"stopped at its --timeout of {deadline.TotalSeconds:0.###} s";
            var message = stopped
                ? $"the script was {what}; it stopped when cancelled"
                : $"the script was {what}; it did not stop within {GracePeriod.TotalSeconds:0} s of being cancelled (it does not observe Kpatch.Cancellation) and was abandoned";
            return interrupted
                ? new ScriptOutcome(ScriptEnd.Interrupted, ScriptOutcome.InterruptedExitCode, message)
                : new ScriptOutcome(ScriptEnd.TimedOut, ScriptOutcome.TimedOutExitCode, message);
        }

        // A script may set Environment.ExitCode instead of returning; it wins, as in dotnet-script.
        var exitCode = Environment.ExitCode;
        Environment.ExitCode = exitCodeBefore;
        if (failure is not null)
        {
            return new ScriptOutcome(ScriptEnd.Failed, 1, Describe(failure, options.Verbose));
        }

        return new ScriptOutcome(ScriptEnd.Completed, exitCode != exitCodeBefore && exitCode != 0 ? exitCode : returned ?? 0, null);
    }

    /// <summary>One line naming the exception and the .csx line it came from; everything with --verbose.</summary>
    private static string Describe(Exception exception, bool verbose)
    {
        if (verbose)
        {
            return exception.ToString();
        }

        var text = exception.ToString();
        var frame = ScriptFrame().Match(text);
        var where = frame.Success ? $"{frame.Groups[1].Value}({frame.Groups[2].Value}): " : "";
        return $"{where}error: unhandled {exception.GetType().FullName}: {exception.Message.Split('\n')[0].Trim()} (--verbose shows the stack trace)";
    }

    [GeneratedRegex(@" in (/[^\n]+?\.csx):line (\d+)")]
    private static partial Regex ScriptFrame();
}
