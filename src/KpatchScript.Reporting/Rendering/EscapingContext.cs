using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// A template context whose expression output goes through the output format's escaping
/// (<see cref="OutputFormat"/>); the template's own text is written as it is. This is the
/// auto-escaping: a template cannot forget to escape a host name. (A value captured with
/// <c>capture</c> is escaped once when captured and again when written: the shipped templates do not capture.)
/// </summary>
internal sealed class EscapingContext : TemplateContext
{
    private readonly Func<object?, string?> _escape;

    public EscapingContext(Func<object?, string?> escape)
    {
        _escape = escape;
        if (BuiltinObject["include"] is IScriptCustomFunction include)
        {
            BuiltinObject.SetValue("include", new RawInclude(include), readOnly: true);
        }
    }

    /// <summary>How this render's contexts are set up, for the contexts <c>kps.include_each</c> renders its items in (<see cref="IncludeEach"/>); null for a bare context.</summary>
    public RenderSettings? Settings { get; private init; }

    /// <summary>The global objects pushed when this context was made, below whatever the template pushed since.</summary>
    public IReadOnlyList<IScriptObject> BaseGlobals { get; private init; } = [];

    /// <summary>Whether this context renders items of <c>kps.include_each</c>: a call in there runs on this thread.</summary>
    public bool IsItemContext { get; private init; }

    /// <summary>A context as every template of a render gets it: strict, limited, escaped by format, its clock the model's, <paramref name="globals"/> pushed in order.</summary>
    public static EscapingContext Create(RenderSettings settings, IReadOnlyList<IScriptObject> globals, bool isItemContext = false)
    {
        var context = new EscapingContext(settings.Escape)
        {
            Settings = settings,
            BaseGlobals = globals,
            IsItemContext = isItemContext,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = settings.LoopLimit,
            OutputLimit = settings.OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            TemplateLoader = settings.Loader,
            MemberRenamer = member => member.Name,
        };

        // date.now is the model's generation time, not the machine's clock. SetValue, not Import:
        // Import leaves a member that is already there as it is.
        if (context.BuiltinObject["date"] is ScriptObject date)
        {
            var now = settings.Now;
            date.SetValue("now", DelegateCustomFunction.CreateFunc(() => now), readOnly: true);
        }

        foreach (var global in globals)
        {
            context.PushGlobal(global);
        }

        return context;
    }

    /// <summary>Scriban's <c>import</c> reads the object's store directly: a fleet host's object is read in first.</summary>
    public override void Import(SourceSpan span, object objectToImport) => base.Import(span, LazyJsonObject.Filled(objectToImport)!);

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, textAsObject is RawInclude.Rendered rendered ? rendered.Text : _escape(textAsObject));
}
