using KpatchScript.Scripting.Directives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;

namespace KpatchScript.Scripting.Compilation;

/// <summary>
/// Compiles a script closure with Roslyn scripting into an assembly with an embedded PDB (stack
/// traces name the .csx file and line). The only class that touches Roslyn on the run path; a
/// cache hit never calls it, so Roslyn is never loaded.
/// </summary>
internal static class ScriptCompiler
{
    /// <summary>Assembly-version unification notes, hidden by dotnet-script too.</summary>
    private static readonly string[] Hidden = ["CS1701", "CS1702", "CS1705"];

    /// <summary>
    /// The nullable warnings, CS8600 to CS8655: errors, as dotnet-script makes them (they appear only where a
    /// script says <c>#nullable enable</c>), so a script that dotnet-script refuses is refused here too.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, ReportDiagnostic>> NullableAsErrors =>
        Enumerable.Range(8600, 56).Select(n => new KeyValuePair<string, ReportDiagnostic>($"CS{n}", ReportDiagnostic.Error));

    /// <param name="closure">The script and its #load files.</param>
    /// <param name="packageAssemblies">Resolved #r "nuget:" assemblies.</param>
    /// <param name="assemblyName">Name of the emitted assembly.</param>
    /// <param name="analyze">Run the KPS rules (off only to measure what they cost: the benchmark).</param>
    /// <param name="rules">The site's severities and banned APIs.</param>
    /// <param name="pluginAssemblies">Plugin assemblies scripts compile against; at run time they resolve to the plugins' loaded copies, so they are not run-time references.</param>
    /// <param name="cancellationToken">Stops the compile.</param>
    public static CompiledScript Compile(ScriptClosure closure, IReadOnlyList<string> packageAssemblies, string assemblyName, bool analyze, ScriptRules rules, IReadOnlyList<string> pluginAssemblies, CancellationToken cancellationToken)
    {
        var main = closure.Main;
        var files = closure.ReferenceFiles.ToList();
        RequireReferenceFiles(closure);
        var options = Options(closure, packageAssemblies, pluginAssemblies).WithFilePath(main.Path);
        var script = CSharpScript.Create<int>(DirectiveParser.WithoutPackageDirectives(main.Text), options, typeof(ScriptGlobals));
        var (compilation, warnings) = Checked(script.GetCompilation(), analyze, rules, cancellationToken);
        var assembly = Emit(compilation.WithAssemblyName(assemblyName), main.Path, cancellationToken);
        return new CompiledScript(assembly, EntryPoint.TokenOf(assembly), [.. files, .. OwnPackages(packageAssemblies)], warnings);
    }

    /// <summary>A #r file that does not exist, as the compiler words it (CS0006), before Roslyn is asked.</summary>
    internal static void RequireReferenceFiles(ScriptClosure closure)
    {
        var missing = closure.Files.SelectMany(f => f.References.Where(r => Path.IsPathRooted(r.Value) && !File.Exists(r.Value)).Select(r => (f.Path, r))).FirstOrDefault();
        if (missing.r is not null)
        {
            throw new ScriptException($"{missing.Path}({missing.r.Line},1): error CS0006: Metadata file '{missing.r.Value}' could not be found");
        }
    }

    /// <summary>
    /// What every compile of a script starts from (run, check, publish, each REPL submission): the
    /// shared framework, the host's assemblies, the plugins' and the packages', dotnet-script's
    /// implicit usings, and #load served from the closure already read.
    /// </summary>
    internal static ScriptOptions Options(ScriptClosure closure, IReadOnlyList<string> packageAssemblies, IReadOnlyList<string> pluginAssemblies) =>
        ScriptOptions.Default
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithEmitDebugInformation(true)
            .WithLanguageVersion(LanguageVersion.Preview)
            .WithImports(ImplicitImports.Namespaces)
            .WithReferences(FrameworkReferences().Concat(HostReferences()).Concat(pluginAssemblies.Select(p => MetadataReference.CreateFromFile(p))).Concat(OwnPackages(packageAssemblies).Select(p => MetadataReference.CreateFromFile(p))))
            .WithSourceResolver(new ClosureSourceResolver(closure))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(Path.GetDirectoryName(closure.Main.Path)));

    /// <summary>
    /// The compilation with the site's severities, checked by the compiler and the KPS rules: errors
    /// throw <see cref="ScriptException"/> (one line each, errors first), warnings are returned formatted.
    /// </summary>
    internal static (Microsoft.CodeAnalysis.Compilation Compilation, IReadOnlyList<string> Warnings) Checked(Microsoft.CodeAnalysis.Compilation compilation, bool analyze, ScriptRules rules, CancellationToken cancellationToken)
    {
        compilation = compilation.WithOptions(((CSharpCompilationOptions)compilation.Options)
            .WithSpecificDiagnosticOptions(Hidden.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress)).Concat(NullableAsErrors).Concat(Severities(rules))));

        // The KPS rules run with the compiler: an error-severity rule stops the script like a compile error.
        var analyzed = analyze
            ? compilation.WithAnalyzers(ScriptAnalyzers.All, new CompilationWithAnalyzersOptions(AnalyzerOptions(rules), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                .GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult()
            : compilation.GetDiagnostics(cancellationToken);
        var diagnostics = Sorted(analyzed.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed));
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToList();
        if (errors.Count > 0)
        {
            throw new ScriptException(string.Join('\n', errors));
        }

        return (compilation, diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(Format).ToList());
    }

    /// <summary>The assembly, with its PDB embedded (stack traces name the .csx file and line).</summary>
    internal static byte[] Emit(Microsoft.CodeAnalysis.Compilation compilation, string mainPath, CancellationToken cancellationToken) =>
        EmitOrNull(compilation, mainPath, cancellationToken) ?? throw new ScriptException($"{mainPath}: error: the script could not be compiled");

    /// <summary>
    /// As <see cref="Emit"/>, but null when Roslyn emits nothing and says nothing: a REPL submission
    /// with no code (only usings or directives), which still joins the chain.
    /// </summary>
    internal static byte[]? EmitOrNull(Microsoft.CodeAnalysis.Compilation compilation, string mainPath, CancellationToken cancellationToken)
    {
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded), cancellationToken: cancellationToken);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToList();
        if (errors.Count > 0)
        {
            throw new ScriptException(string.Join('\n', errors));
        }

        return emitted.Success ? pe.ToArray() : null;
    }

    /// <summary>The banned-API list reaches rule KPS1009 as an additional file named as BannedApiAnalyzers names its lists (BannedSymbols.*.txt).</summary>
    private static AnalyzerOptions AnalyzerOptions(ScriptRules rules) =>
        rules.BannedSymbolsText is { } text
            ? new([new InMemoryAdditionalText(Path.Combine(Path.GetDirectoryName(rules.BannedSymbolsPath) ?? "/", "BannedSymbols.site.txt"), text)])
            : new([]);

    /// <summary>Configured severities: "none" turns a rule off; #pragma in the script still applies on top.</summary>
    private static IEnumerable<KeyValuePair<string, ReportDiagnostic>> Severities(ScriptRules rules) =>
        rules.Severities.Select(s => new KeyValuePair<string, ReportDiagnostic>(s.Key, s.Value switch
        {
            "error" => ReportDiagnostic.Error,
            "warning" => ReportDiagnostic.Warn,
            _ => ReportDiagnostic.Suppress,
        }));

    /// <summary><c>/abs/file.csx(line,col): error CSnnnn: message</c>, lines and columns 1-based.</summary>
    private static string Format(Diagnostic diagnostic) => diagnostic.ToString();

    /// <summary>Errors before warnings, then in file order (as dotnet-script prints them).</summary>
    private static List<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderByDescending(d => d.Severity).ThenBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToList();

    /// <summary>The whole shared framework, as dotnet-script references it: scripts see the BCL without #r.</summary>
    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.GetFiles(directory, "*.dll")
            .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n.StartsWith("Microsoft.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"))
            .Where(f => !Path.GetFileName(f).Contains("Native", StringComparison.Ordinal))
            .Select(f => MetadataReference.CreateFromFile(f));
    }

    /// <summary>
    /// Package assemblies minus those the host provides: a script written for the real dotnet
    /// script says #r "nuget: KpatchScript, x"; here the host's own facade is used (one type
    /// identity with the runner), so the package's copy is left out.
    /// </summary>
    internal static IEnumerable<string> OwnPackages(IReadOnlyList<string> packageAssemblies)
    {
        var host = HostAssemblyNames();
        return packageAssemblies.Where(p => !host.Contains(Path.GetFileNameWithoutExtension(p)));
    }

    /// <summary>
    /// The host's assemblies, and what the reporting assembly references (Scriban.Signed): the
    /// KpatchScript.Reporting package brings its own copy, which would load a second Scriban.
    /// </summary>
    private static HashSet<string> HostAssemblyNames() =>
        HostAssemblies.Select(a => a.GetName()).Concat(typeof(Reporting.HostReports).Assembly.GetReferencedAssemblies()).Select(n => n.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What scripts get from the host without #r: the globals type and what its members name
    /// (Roslyn's <c>PrintOptions</c>, as under dotnet-script), the facade and its contract, reports and alerts.
    /// </summary>
    private static IEnumerable<System.Reflection.Assembly> HostAssemblies =>
        new[] { typeof(ScriptGlobals), typeof(Microsoft.CodeAnalysis.Scripting.Hosting.PrintOptions), typeof(Kpatch), typeof(IKpatchFacade), typeof(Reporting.HostReports) }.Select(t => t.Assembly).Distinct();

    /// <summary>The facade and the globals type: scripts use them without #r.</summary>
    private static IEnumerable<MetadataReference> HostReferences() =>
        HostAssemblies.Select(a => MetadataReference.CreateFromFile(a.Location));
}
