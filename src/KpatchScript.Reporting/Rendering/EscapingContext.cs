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

    /// <summary>Scriban's <c>import</c> reads the object's store directly: a fleet host's object is read in first.</summary>
    public override void Import(SourceSpan span, object objectToImport) => base.Import(span, LazyJsonObject.Filled(objectToImport)!);

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, textAsObject is RawInclude.Rendered rendered ? rendered.Text : _escape(textAsObject));
}
