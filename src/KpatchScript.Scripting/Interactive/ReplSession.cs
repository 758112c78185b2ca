using System.Reflection;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;

namespace KpatchScript.Scripting.Interactive;

/// <summary>
/// An interactive session (<c>kpatch-script repl</c>, <c>run -i</c>): submissions run one after
/// the other with the globals of <c>run</c> (<c>Args</c>, <c>Print</c>, <c>PrintOptions</c>) and the
/// facade's context (target, dry-run, <c>Kpatch.Cancellation</c>) for the whole session, so a
/// target a submission connects to stays open for the next. As in dotnet-script's REPL, a
/// submission's value is printed with <see cref="ScriptGlobals.Print"/>, and a compile error or an
/// exception is written to stderr and the session goes on.
/// </summary>
public sealed class ReplSession : IDisposable
{
    private readonly Func<SubmissionChain> _newChain;
    private readonly IList<string> _args;
    private readonly ScriptRunOptions _options;
    private readonly TextWriter _error;
    private readonly string _workingDirectory;
    private readonly CancellationToken _cancellation;
    private State _state;

    internal ReplSession(Func<SubmissionChain> newChain, IList<string> args, ScriptRunOptions options, TextWriter error, string workingDirectory, CancellationToken cancellation)
    {
        (_newChain, _args, _options, _error, _workingDirectory, _cancellation) = (newChain, args, options, error, workingDirectory, cancellation);
        _state = NewState();
    }

    /// <summary>Runs a script file as the session's first submission (<c>run -i FILE</c>): its variables are the session's.</summary>
    public void Seed(ScriptClosure closure) => Run(closure, named: true);

    /// <summary>Compiles and runs one complete submission (<see cref="IsComplete"/>); #load and #r paths are relative to the working directory.</summary>
    public void Submit(string code)
    {
        ScriptClosure closure;
        try
        {
            closure = ScriptClosure.FromCode(code, _workingDirectory, "repl.csx");
        }
        catch (ScriptException ex)
        {
            _error.WriteLine(ex.Message);
            return;
        }

        Run(closure, named: false);
    }

    /// <summary>
    /// <c>#reset</c>: forgets every submission, their variables and references, as a new session
    /// (targets the submissions opened are closed).
    /// </summary>
    public void Reset()
    {
        _state.Dispose();
        _state = NewState();
    }

    /// <summary>Whether <paramref name="code"/> is a whole submission, or more lines must follow (an open brace, an unfinished statement).</summary>
    public static bool IsComplete(string code) => SubmissionText.IsComplete(code);

    public void Dispose() => _state.Dispose();

    private State NewState() => new(_newChain(), new ScriptGlobals(_args, _options.Out), _options.Extensions.Assemblies, _options.ContextFor(_cancellation).Enter());

    private void Run(ScriptClosure closure, bool named)
    {
        Submission submission;
        try
        {
            submission = _state.Chain.Compile(closure, named, _cancellation);
        }
        catch (ScriptException ex)
        {
            _error.WriteLine(ex.Message);
            return;
        }

        var task = _state.Start(submission);
        if (task is null)
        {
            return; // nothing to run (only usings or directives)
        }

        try
        {
            Wait(task);
            if (task.Result is { } value)
            {
                _state.Globals.Print(value);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_cancellation.IsCancellationRequested)
        {
            _error.WriteLine(ScriptRunner.Describe(ex is AggregateException { InnerException: { } inner } ? inner : ex, _options.Verbose));
        }
    }

    /// <summary>
    /// Waits for a submission; on Ctrl+C (the session's token) it gets the grace period of a run to
    /// stop, then the session ends (<see cref="OperationCanceledException"/>) with or without it.
    /// </summary>
    private void Wait(Task task)
    {
        try
        {
            task.Wait(_cancellation);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            task.ContinueWith(static t => t.Exception, TaskScheduler.Default).Wait(ScriptRunner.GracePeriod);
            throw;
        }
    }

    /// <summary>What <see cref="Reset"/> starts again: the chain, the globals, the load context and the submissions' instances.</summary>
    private sealed class State(SubmissionChain chain, ScriptGlobals globals, IReadOnlyList<Assembly> provided, IDisposable scope) : IDisposable
    {
        private readonly ScriptLoadContext _context = new(provided);

        // Slot 0 holds the globals; each submission's <Factory> puts its instance in the slot Roslyn
        // gave it, and reads those before it from theirs (the protocol of Roslyn's own runner).
        private object?[] _submissions = [globals, null];
        private int _count;

        public SubmissionChain Chain => chain;

        public ScriptGlobals Globals => globals;

        /// <summary>Loads the submission and starts it; null when it has no code to run.</summary>
        public Task<object>? Start(Submission submission)
        {
            _context.AddReferences(submission.References);
            if (submission.Assembly is null)
            {
                return null;
            }

            var assembly = _context.LoadFromStream(new MemoryStream(submission.Assembly));
            _context.AddLoaded(assembly);
            var factory = FactoryOf(assembly);
            if (factory is null)
            {
                return null;
            }

            _count++;
            if (_submissions.Length <= _count + 1)
            {
                Array.Resize(ref _submissions, Math.Max(_count + 2, _submissions.Length * 2));
            }

            return factory(_submissions);
        }

        public void Dispose()
        {
            scope.Dispose();
            _context.Unload();
        }

        private static Func<object?[], Task<object>>? FactoryOf(Assembly assembly)
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.Name.StartsWith("Submission#", StringComparison.Ordinal)
                    && type.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.Static) is { } factory)
                {
                    return factory.CreateDelegate<Func<object?[], Task<object>>>();
                }
            }

            return null;
        }
    }
}
