using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// <c>include</c>, with its result marked as already escaped: the included template's own
/// expressions went through the escaping while it rendered, so its text is written as it is
/// (otherwise a partial's markup would come out encoded).
/// </summary>
internal sealed class RawInclude(IScriptCustomFunction include) : IScriptCustomFunction
{
    public int RequiredParameterCount => include.RequiredParameterCount;

    public int ParameterCount => include.ParameterCount;

    public ScriptVarParamKind VarParamKind => include.VarParamKind;

    public Type ReturnType => typeof(Rendered);

    public ScriptParameterInfo GetParameterInfo(int index) => include.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new Rendered(include.Invoke(context, callerContext, arguments, blockStatement) as string ?? "");

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new Rendered(await include.InvokeAsync(context, callerContext, arguments, blockStatement).ConfigureAwait(false) as string ?? "");

    /// <summary>Output that is written without escaping; only <see cref="RawInclude"/> makes it.</summary>
    internal sealed record Rendered(string Text);
}
