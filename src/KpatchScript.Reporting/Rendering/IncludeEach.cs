using System.Collections;
using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// <c>kps.include_each ITEMS 'PARTIAL' 'NAME'</c>: renders the partial once per item, the item
/// named NAME in it, and writes the outputs in the items' order. Each item renders in a scope of
/// its own over the template's global variables as they were at the call: what one item's render
/// assigns is seen by no other item and not by the template after it. That independence is what
/// lets the items render on every core (a fleet's hosts: tests/benchmarks, the fleet report rows);
/// a plain <c>for</c> loop renders on one thread, as Scriban does.
/// </summary>
/// <remarks>
/// Written in place as a statement (a 100,000-host CSV is never one string); as a value (assigned,
/// piped) it is the whole text, unescaped when written, like <c>include</c>'s. Items are taken
/// from the list on the calling thread, in order; at most two chunks per core are in flight, so a
/// fleet's hosts are made as they are reached (FleetScriptModel.HostList). An error names the
/// partial's line; of several, the first item's in order is the one reported, the later chunks
/// are stopped, and nothing of a failed render is written after the items before it. Inside an
/// item's render a call runs on that thread, with the same scoping.
/// </remarks>
internal sealed class IncludeEach : IScriptCustomFunction
{
    /// <summary>Items one task renders: enough that a task's cost is the items', few enough that the cores share the tail.</summary>
    public const int ChunkSize = 32;

    private const string Usage = "kps.include_each takes a list, the name of a partial template and the name each item has in it, as in: kps.include_each hosts '_fleet_host.html' 'h'";

    public int RequiredParameterCount => 3;

    public int ParameterCount => 3;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => index switch
    {
        0 => new ScriptParameterInfo(typeof(object), "items"),
        1 => new ScriptParameterInfo(typeof(string), "template_name"),
        _ => new ScriptParameterInfo(typeof(string), "name"),
    };

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var span = callerContext?.Span ?? context.CurrentSpan;
        if (context is not EscapingContext { Settings: { } settings } caller)
        {
            throw new ScriptRuntimeException(span, "kps.include_each works only in a template that kpatch-script renders");
        }

        if (arguments.Count != 3 || arguments[1] is not string templateName || arguments[2] is not string name)
        {
            throw new ScriptRuntimeException(span, Usage);
        }

        if (!IsIdentifier(name))
        {
            throw new ScriptRuntimeException(span, $"kps.include_each: '{name}' is not a variable name (letters, digits and '_', not starting with a digit)");
        }

        IEnumerable items = arguments[0] switch
        {
            null => Array.Empty<object>(),
            string => throw new ScriptRuntimeException(span, $"kps.include_each: the items are text, not a list. {Usage}"),
            IEnumerable list => list,
            var other => throw new ScriptRuntimeException(span, $"kps.include_each: the items are a {caller.GetTypeName(other)}, not a list. {Usage}"),
        };

        var partial = Partial(caller, span, templateName);
        var globals = caller.CurrentGlobal is { } current && (caller.BaseGlobals.Count == 0 || !ReferenceEquals(caller.BaseGlobals[^1], current))
            ? [.. caller.BaseGlobals, current]
            : caller.BaseGlobals;
        var run = new Run(settings, globals, partial, name, caller.LoopLimit, span);

        // As a statement the chunks are written as they come; as a value they are gathered.
        var whole = callerContext?.Parent is ScriptExpressionStatement ? null : new StringBuilder();
        Action<string> write = whole is null ? text => caller.Write(span, new RawInclude.Rendered(text)) : text => whole.Append(text);
        if (caller.IsItemContext || Environment.ProcessorCount == 1)
        {
            run.OnThisThread(items, write);
        }
        else
        {
            run.OnEveryCore(items, write);
        }

        return whole is null ? null : new RawInclude.Rendered(whole.ToString());
    }

    /// <summary>The partial, parsed once per render and context as <c>include</c> does, through the same loader.</summary>
    private static Template Partial(TemplateContext context, SourceSpan span, string templateName)
    {
        var loader = context.TemplateLoader ?? throw new ScriptRuntimeException(span, "kps.include_each: no template loader");
        var path = loader.GetPath(context, span, templateName) ?? templateName;
        if (context.CachedTemplates.TryGetValue(path, out var cached))
        {
            return cached;
        }

        var template = Template.Parse(loader.Load(context, span, path) ?? "", path);
        if (template.HasErrors)
        {
            throw new ScriptParserRuntimeException(span, $"kps.include_each: the template '{templateName}' does not parse", template.Messages);
        }

        context.CachedTemplates[path] = template;
        return template;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>One call: the items cut into chunks, each chunk rendered in an item context, the outputs written in order.</summary>
    private sealed class Run(RenderSettings settings, IReadOnlyList<IScriptObject> globals, Template partial, string name, int loopLimit, SourceSpan span)
    {
        private readonly Stack<EscapingContext> _idle = new();

        // The lowest chunk that failed (or int.MinValue once the caller stops): later chunks stop.
        private int _failedAt = int.MaxValue;

        public void OnThisThread(IEnumerable items, Action<string> write)
        {
            var index = 0;
            foreach (var chunk in Chunks(items))
            {
                write(Render(index++, chunk));
            }
        }

        public void OnEveryCore(IEnumerable items, Action<string> write)
        {
            var inFlight = new Queue<Task<string>>();
            var most = 2 * Environment.ProcessorCount;
            try
            {
                var index = 0;
                foreach (var chunk in Chunks(items))
                {
                    var number = index++;
                    inFlight.Enqueue(Task.Run(() => Render(number, chunk)));
                    if (inFlight.Count >= most)
                    {
                        write(inFlight.Dequeue().GetAwaiter().GetResult());
                    }
                }

                while (inFlight.Count > 0)
                {
                    write(inFlight.Dequeue().GetAwaiter().GetResult());
                }
            }
            catch
            {
                // Nothing renders on after the call has failed, and nothing is left running over the model.
                Volatile.Write(ref _failedAt, int.MinValue);
                try
                {
                    Task.WaitAll(inFlight);
                }
                catch (AggregateException)
                {
                    // Their errors come after the one being thrown.
                }

                throw;
            }
        }

        /// <summary>
        /// The items in chunks, taken in order on the calling thread; as many as the loop limit allows.
        /// A fleet's hosts are made by the thread that renders them (<see cref="FleetScriptModel.HostList.Range"/>).
        /// </summary>
        private IEnumerable<IReadOnlyList<object?>> Chunks(IEnumerable items)
        {
            if (items is FleetScriptModel.HostList hosts)
            {
                if (loopLimit != 0 && hosts.Count > loopLimit)
                {
                    throw TooMany();
                }

                for (var start = 0; start < hosts.Count; start += ChunkSize)
                {
                    yield return hosts.Range(start, Math.Min(ChunkSize, hosts.Count - start));
                }

                yield break;
            }

            var chunk = new List<object?>(ChunkSize);
            var count = 0L;
            foreach (var item in items)
            {
                if (loopLimit != 0 && ++count > loopLimit)
                {
                    throw TooMany();
                }

                chunk.Add(item);
                if (chunk.Count == ChunkSize)
                {
                    yield return chunk;
                    chunk = new List<object?>(ChunkSize);
                }
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }

        private ScriptRuntimeException TooMany() => new(span, $"kps.include_each: more than {loopLimit} items, the loop limit of this render");

        private string Render(int number, IReadOnlyList<object?> chunk)
        {
            if (Volatile.Read(ref _failedAt) < number)
            {
                return "";
            }

            EscapingContext? context;
            lock (_idle)
            {
                _idle.TryPop(out context);
            }

            context ??= EscapingContext.Create(settings, globals, isItemContext: true);
            var output = new StringBuilder();
            try
            {
                foreach (var item in chunk)
                {
                    if (Volatile.Read(ref _failedAt) < number)
                    {
                        return "";
                    }

                    // Room for the partial's own variables: the shipped ones set about ten.
                    var scope = new ScriptObject(16);
                    scope.SetValue(name, item, readOnly: false);
                    context.PushGlobal(scope);
                    try
                    {
                        output.Append(partial.Render(context));
                    }
                    finally
                    {
                        context.PopGlobal();
                    }
                }
            }
            catch
            {
                // A context that failed mid-render is not used again.
                int seen;
                while ((seen = Volatile.Read(ref _failedAt)) > number && Interlocked.CompareExchange(ref _failedAt, number, seen) != seen)
                {
                }

                throw;
            }

            lock (_idle)
            {
                _idle.Push(context);
            }

            return output.ToString();
        }
    }
}
