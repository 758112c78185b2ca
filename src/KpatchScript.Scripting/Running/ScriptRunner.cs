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

    public static ScriptOutcome Run(Func<AssemblyLoadContext, Assembly> load, IReadOnlyList<string> references, IList<string> args, ScriptRunOptions options, CancellationToken cancellationToken)
    {
        var context = new ScriptLoadContext(references);
        try
        {
            return RunIn(context, load, args, options, cancellationToken);
        }
        finally
        {
            context.Unload();
        }
    }

    private static ScriptOutcome RunIn(ScriptLoadContext loadContext, Func<AssemblyLoadContext, Assembly> load, IList<string> args, ScriptRunOptions options, CancellationToken cancellationToken)
    {
        var factory = load(loadContext).GetType("Submission#0")?.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.Static)
            ?? throw new ScriptException("the compiled script has no entry point (Submission#0.<Factory>): clear the cache or run with --no-cache");
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
                    returned = ((Task<int>)factory.Invoke(null, [new object?[] { globals, null }])!).GetAwaiter().GetResult();
                }
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                failure = ex.InnerException;
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
