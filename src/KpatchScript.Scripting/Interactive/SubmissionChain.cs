using KpatchScript.Scripting.Compilation;
using KpatchScript.Scripting.Directives;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace KpatchScript.Scripting.Interactive;

/// <summary>
/// The REPL's submissions as Roslyn chains them (<see cref="Script.ContinueWith{TResult}(string, ScriptOptions)"/>:
/// each one sees the variables, types and usings of those before it), compiled the way <c>run</c>
/// compiles a script: the same references, implicit usings, #load from the closure, packages, and
/// the KPS rules. Each is emitted here, not run by Roslyn, so it loads into the session's own load
/// context, where the facade and the plugins resolve as they do for <c>run</c>.
/// </summary>
internal sealed class SubmissionChain(IReadOnlyList<string> sources, ScriptRules rules, IReadOnlyList<string> pluginAssemblies, TextWriter error)
{
    private Script<object>? _last;
    private List<string> _packages = [];

    /// <summary>
    /// Compiles the next submission; only one that compiles joins the chain (an error leaves the
    /// session as it was). Errors throw <see cref="ScriptException"/>; warnings are written.
    /// </summary>
    /// <param name="closure">The submission and what it #loads.</param>
    /// <param name="named">Diagnostics name the file (the seed of <c>run -i</c>); typed lines are named by line and column only, as dotnet-script's REPL does.</param>
    /// <param name="cancellationToken">Stops package resolution and the compile.</param>
    public Submission Compile(ScriptClosure closure, bool named, CancellationToken cancellationToken)
    {
        ScriptCompiler.RequireReferenceFiles(closure);
        var packages = PackageReferences.Resolve(closure, sources, error, cancellationToken).Assemblies;
        List<string> all = [.. _packages, .. packages.Where(p => !_packages.Contains(p))];
        var options = ScriptCompiler.Options(closure, all, pluginAssemblies).WithFilePath(named ? closure.Main.Path : "");
        var text = DirectiveParser.WithoutPackageDirectives(closure.Main.Text);
        var script = _last is null ? CSharpScript.Create<object>(text, options, typeof(ScriptGlobals)) : _last.ContinueWith<object>(text, options);
        var (compilation, warnings) = ScriptCompiler.Checked(script.GetCompilation(), analyze: true, rules, cancellationToken);
        var assembly = ScriptCompiler.EmitOrNull(compilation, closure.Main.Path, cancellationToken);
        foreach (var warning in warnings)
        {
            error.WriteLine(warning);
        }

        (_last, _packages) = (script, all);
        return new Submission(assembly, [.. closure.ReferenceFiles, .. ScriptCompiler.OwnPackages(packages)]);
    }
}

/// <summary>An emitted submission (null: it has no code to run, only usings or directives) and the #r and package files it loads.</summary>
internal sealed record Submission(byte[]? Assembly, IReadOnlyList<string> References);
