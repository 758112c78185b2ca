using Scriban.Runtime;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// The <c>kps</c> object of helper functions for templates. The model carries readings as the
/// JSON does: a known value bare, an unknown one as <c>{"unknown": "reason"}</c>.
/// <list type="bullet">
/// <item><c>kps.known x</c>: true unless x is an unknown reading (or null).</item>
/// <item><c>kps.reason x</c>: the reason of an unknown reading, else empty.</item>
/// <item><c>kps.text x</c>: x as text: a list joined with ", ", true/false as yes/no, an unknown as "unknown (reason)", null or an empty list as "none".</item>
/// <item><c>kps.list x</c>: x when it is a known list, else an empty list (loop over it safely).</item>
/// <item><c>kps.include_each items 'partial' 'name'</c>: the partial once per item, each in a scope of its own, on every core (<see cref="IncludeEach"/>).</item>
/// </list>
/// </summary>
internal static class TemplateFunctions
{
    public static ScriptObject Create()
    {
        var kps = new ScriptObject();
        kps.Import("known", new Func<object?, bool>(Known));
        kps.Import("reason", new Func<object?, string>(Reason));
        kps.Import("text", new Func<object?, string>(Text));
        kps.Import("list", new Func<object?, ScriptArray>(value => value as ScriptArray ?? []));
        kps.SetValue("include_each", new IncludeEach(), readOnly: true);
        return kps;
    }

    private static bool Known(object? value) => value is not null && !IsUnknown(value);

    private static string Reason(object? value) => IsUnknown(value) ? ((IDictionary<string, object?>)value!)["unknown"] as string ?? "" : "";

    private static string Text(object? value) => value switch
    {
        null or ScriptArray { Count: 0 } => "none",
        bool b => b ? "yes" : "no",
        _ when IsUnknown(value) => $"unknown ({Reason(value)})",
        _ => OutputFormat.Text(value),
    };

    // Through the interface: a fleet host's objects are read when first asked (LazyJsonObject).
    private static bool IsUnknown(object? value) => value is ScriptObject and IDictionary<string, object?> { Count: 1 } o && o.ContainsKey("unknown");
}
