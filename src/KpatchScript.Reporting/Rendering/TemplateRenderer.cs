using System.Text.Json.Nodes;
using KpatchScript.Reporting.Fleet;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// Renders a template over a report model, safely: strict variables and members (a typo is an
/// error naming the template, line and column), limits sized from the data (Scriban's loop limit
/// is one budget shared by nested loops, so it grows with the model: a 10,000-host fleet renders),
/// an output limit, escaping by output format, and a clock that is the model's, never the machine's.
/// </summary>
public sealed class TemplateRenderer(TemplateLookup lookup)
{
    /// <summary>Every template's loop budget is at least this; it grows by <see cref="LoopsPerElement"/> per array element of the model.</summary>
    public const int MinimumLoopLimit = 100_000;
    public const int LoopsPerElement = 20;

    /// <summary>Output beyond this many characters (plus <see cref="OutputPerModelCharacter"/> per character of the model's strings) stops the render.</summary>
    public const int MinimumOutputLimit = 8 * 1024 * 1024;
    public const int OutputPerModelCharacter = 8;

    /// <summary>Renders <paramref name="name"/> over <paramref name="model"/> (which must hold <c>generated_at</c>: it is also <c>date.now</c>).</summary>
    /// <exception cref="TemplateException">The template is missing, does not parse, or fails while rendering; one line.</exception>
    public string Render(string name, JsonObject model)
    {
        var data = ScriptModel.From(model);
        var generated = model["generated_at"]?.GetValue<string>() ?? throw new ArgumentException("the model has no generated_at", nameof(model));
        return Render(name, data.Root, (data.Elements, data.Characters), generated, output: null);
    }

    /// <summary>Renders <paramref name="name"/> over a fleet report, whose hosts are made as the template reaches them.</summary>
    /// <exception cref="TemplateException">The template is missing, does not parse, or fails while rendering; one line.</exception>
    public string Render(string name, FleetModel model) => Render(name, FleetScriptModel.Root(model), model.Size, model.GeneratedAt, output: null);

    /// <summary>Renders <paramref name="name"/> over a fleet report into <paramref name="output"/> as it goes (a 100,000-host CSV is never one string).</summary>
    /// <exception cref="TemplateException">The template is missing, does not parse, or fails while rendering; one line.</exception>
    public void Render(string name, FleetModel model, TextWriter output) => Render(name, FleetScriptModel.Root(model), model.Size, model.GeneratedAt, output);

    private string Render(string name, ScriptObject globals, (long Elements, long Characters) size, string generatedAt, TextWriter? output)
    {
        var (text, _) = lookup.Load(name);
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new TemplateException(Format(template.Messages.First(m => m.Type == ParserMessageType.Error)));
        }

        var generated = DateTimeOffset.Parse(generatedAt, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
        var settings = new RenderSettings(
            OutputFormat.For(name),
            LoopLimit: (int)Math.Min(int.MaxValue, Math.Max(MinimumLoopLimit, size.Elements * LoopsPerElement)),
            OutputLimit: (int)Math.Min(int.MaxValue, MinimumOutputLimit + (size.Characters * OutputPerModelCharacter)),
            new Loader(lookup),
            generated);
        globals["kps"] = TemplateFunctions.Create();
        var context = EscapingContext.Create(settings, [globals]);
        if (output is not null)
        {
            context.PushOutput(new TextWriterOutput(output));
        }

        try
        {
            var rendered = template.Render(context);
            return output is null ? rendered : "";
        }
        catch (ScriptParserRuntimeException ex)
        {
            // An include that does not parse: name the included template's own position.
            throw new TemplateException(ex.ParserMessages.FirstOrDefault(m => m.Type == ParserMessageType.Error) is { } first ? Format(first) : Format(ex.Span, ex.OriginalMessage), ex);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateException(Format(ex.Span, ex.OriginalMessage), ex);
        }
    }

    private static string Format(LogMessage message) => Format(message.Span, message.Message);

    private static string Format(SourceSpan span, string message) =>
        $"template {span.FileName}({span.Start.Line + 1},{span.Start.Column + 1}): {message.ReplaceLineEndings(" ").TrimEnd('.')}";

    /// <summary>Includes resolve through the same lookup as the template; a missing one names itself and the places looked in.</summary>
    private sealed class Loader(TemplateLookup lookup) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
        {
            try
            {
                return lookup.Load(templatePath).Text;
            }
            catch (TemplateException ex)
            {
                throw new ScriptRuntimeException(callerSpan, $"include '{templatePath}': {ex.Message.Replace($"template {templatePath} ", "", StringComparison.Ordinal)}");
            }
        }

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Load(context, callerSpan, templatePath));
    }
}
