using System.Reflection;
using System.Text.RegularExpressions;

namespace KpatchScript.Scripting.Running;

/// <summary>
/// Runs an emitted script assembly: loads it into a collectible context, calls the entry point
/// Roslyn generates (<c>Submission#0.&lt;Factory&gt;</c>, slot 0 of its array holds the globals),
/// and waits. The script runs on a thread of its own, so a script that ignores its cancellation
/// token can still be given up on at the deadline: the token is cancelled first, the script gets
/// a grace period to stop, then the run ends without it (a CLI process then exits).
/// </summary>
/// <remarks>
/// The thread starts before the plan exists and creates the load context while the caller
/// hashes the script or compiles it: on a cached run that overlap, on a second core, is a large
/// part of what keeps <c>run</c> within 1.5x of a hello-world process (tests/benchmarks).
/// </remarks>
public static partial class ScriptRunner
{
    /// <summary>How long a cancelled script may take to stop by itself.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    /// <param name="prepare">Finds or compiles the script (on the calling thread); its exceptions end the run and propagate.</param>
    /// <param name="args">The script's Args.</param>
    /// <param name="options">Target, dry-run, timeout, output.</param>
    /// <param name="cancellationToken">SIGINT/SIGTERM.</param>
    public static ScriptOutcome Run(Func<ScriptPlan> prepare, IList<string> args, ScriptRunOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var context = options.ContextFor(stop.Token);
        var globals = new ScriptGlobals(args, options.Out);
        var exitCodeBefore = Environment.ExitCode;
        ScriptLoadContext? loadContext = null;
        ScriptPlan? plan = null;
        int? returned = null;
        Exception? failure = null;
        using var planned = new ManualResetEventSlim();
        // Not disposed: an abandoned script's thread sets it whenever it ends, perhaps long after this run.
        var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                Volatile.Write(ref loadContext, new ScriptLoadContext(options.Extensions.Assemblies));
                planned.Wait(CancellationToken.None);
                if (Volatile.Read(ref plan) is not { } work)
                {
                    return; // prepare failed: nothing to run
                }

                using (context.Enter())
                {
                    returned = Invoke(loadContext!, work, globals).GetAwaiter().GetResult();
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

        try
        {
            try
            {
                Volatile.Write(ref plan, prepare());
            }
            finally
            {
                planned.Set();
            }

            var deadline = options.Timeout ?? Timeout.InfiniteTimeSpan;
            // A script that stops at once on a signal may have ended before this wait saw the
            // signal: the run was interrupted all the same.
            if (!Finished(done, deadline, cancellationToken) || cancellationToken.IsCancellationRequested)
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
        }
        finally
        {
            // After a failed prepare the thread ends at once; after an abandoned script it does not,
            // and unloading then only marks the context (it is collected if the script ever stops).
            if (Volatile.Read(ref plan) is null)
            {
                done.Wait(CancellationToken.None);
            }

            Volatile.Read(ref loadContext)?.Unload();
        }

        if (failure is ScriptException)
        {
            throw failure; // the cached entry is unusable: a host error, not the script's
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

    /// <summary>
    /// Whether the script ended before the deadline and before a signal. The slim event's own
    /// wait, not WaitHandle.WaitAny: that makes kernel-backed wait handles, a dozen types a
    /// cached run would load only to wait (tests/benchmarks).
    /// </summary>
    private static bool Finished(ManualResetEventSlim done, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            return done.Wait(deadline, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Loads the script into <paramref name="loadContext"/> and starts it (on the script thread).</summary>
    private static Task<int> Invoke(ScriptLoadContext loadContext, ScriptPlan plan, ScriptGlobals globals)
    {
        loadContext.AddReferences(plan.References);

        // By metadata token, recorded at compile time: looking the type up by name ("Submission#0")
        // starts the type-name parser, which costs a cached run about 8 ms. Its name is not
        // compared either: the first metadata name a process reads starts the UTF-8 decoder (3 ms);
        // a wrong token fails the static and signature checks instead.
        Func<object?[], Task<int>>? factory = null;
        try
        {
            if (plan.Load(loadContext).ManifestModule.ResolveMethod(plan.EntryToken) is MethodInfo { IsStatic: true } entry)
            {
                // A delegate, not MethodInfo.Invoke: the first reflection call costs a cached run milliseconds; exceptions come unwrapped too.
                factory = entry.CreateDelegate<Func<object?[], Task<int>>>();
            }
        }
        catch (ArgumentException)
        {
            // Not a method of this assembly, or not the entry point's signature.
        }

        if (factory is null)
        {
            throw new ScriptException("the compiled script has no entry point (Submission#0.<Factory>): clear the cache (KPATCH_SCRIPT_CACHE) or run with --no-cache");
        }

        return factory([globals, null]);
    }

    /// <summary>One line naming the exception and the .csx line it came from; everything with --verbose.</summary>
    internal static string Describe(Exception exception, bool verbose)
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
