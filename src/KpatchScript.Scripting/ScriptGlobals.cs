using Microsoft.CodeAnalysis.CSharp.Scripting.Hosting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace KpatchScript.Scripting;

/// <summary>
/// What a script sees unqualified, as under dotnet-script (whose globals are Roslyn's
/// <c>CommandLineScriptGlobals</c>): <c>Args</c> (an <c>IList&lt;string&gt;</c>, so <c>Args.Count</c>),
/// <c>Print</c> and <c>PrintOptions</c>. Nothing else: editors check scripts against
/// dotnet-script's own globals, so the facade is a library (<c>Kpatch.Connect()</c>), not a global.
/// </summary>
public sealed class ScriptGlobals(IList<string> args, TextWriter output)
{
    // Made on first use: a script that never prints loads none of Roslyn's formatting (a cached
    // run starts without Roslyn: tests/benchmarks, "run hello.csx, cached").
    private PrintOptions? _printOptions;

    /// <summary>The arguments after <c>--</c>.</summary>
    public IList<string> Args { get; } = args;

    /// <summary>How <see cref="Print"/> formats, as dotnet-script has it (Roslyn's <c>PrintOptions</c>: <c>MemberDisplayFormat</c>, <c>MaximumOutputLength</c>, <c>NumberRadix</c>, <c>EscapeNonPrintableCharacters</c>).</summary>
    public PrintOptions PrintOptions => _printOptions ??= new PrintOptions();

    /// <summary>
    /// Writes a value on its own line as dotnet-script does, formatted by Roslyn's C# object
    /// formatter: <c>Print(new[] { 1, 2, 3 })</c> writes <c>int[3] { 1, 2, 3 }</c>, a string is
    /// written as a C# literal (<c>"text"</c>), null as <c>null</c>.
    /// </summary>
    public void Print(object? value) => output.WriteLine(CSharpObjectFormatter.Instance.FormatObject(value, PrintOptions));
}
