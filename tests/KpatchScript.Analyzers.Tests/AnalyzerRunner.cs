using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KpatchScript.Analyzers.Tests;

/// <summary>
/// Runs analyzers on sources with <c>[|…|]</c> markup around each span a diagnostic is expected at,
/// and asserts the reported spans (path, line, column, length) equal the marked ones. An analyzer
/// with one rule is checked for that rule; one with several (KPS1002 and KPS1003) is given the
/// rule the markup is about, and its other rules' diagnostics are not compared.
/// </summary>
internal static class AnalyzerRunner
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>A normal (library) compilation of one file.</summary>
    public static void VerifyRegular(DiagnosticAnalyzer analyzer, string markup, IReadOnlyDictionary<string, string>? additionalFiles = null, string? rule = null)
    {
        var (source, expected) = Parse(markup, "Test.cs");
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "Test.cs");
        var compilation = CSharpCompilation.Create(
            "Regular",
            [tree],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Verify(analyzer, rule, compilation, expected, additionalFiles);
    }

    /// <summary>
    /// A script compilation of <c>main.csx</c>; <paramref name="loaded"/> files are served to its
    /// <c>#load</c> directives the way the script host resolves them, so they are extra syntax trees.
    /// </summary>
    public static void VerifyScript(DiagnosticAnalyzer analyzer, string markup, IReadOnlyDictionary<string, string>? loaded = null, IReadOnlyDictionary<string, string>? additionalFiles = null, string? rule = null)
    {
        var expected = new List<ExpectedSpan>();
        var (main, mainSpans) = Parse(markup, "/scripts/main.csx");
        expected.AddRange(mainSpans);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in loaded ?? new Dictionary<string, string>())
        {
            var path = "/scripts/" + name;
            var (source, spans) = Parse(text, path);
            files[path] = source;
            expected.AddRange(spans);
        }

        var options = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script);
        var tree = CSharpSyntaxTree.ParseText(main, options, "/scripts/main.csx");
        var compilation = CSharpCompilation.CreateScriptCompilation(
            "Script",
            tree,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, sourceReferenceResolver: new InMemoryResolver(files)));
        Assert.Equal(1 + files.Count, compilation.SyntaxTrees.Length);
        Verify(analyzer, rule, compilation, expected, additionalFiles);
    }

    private static void Verify(DiagnosticAnalyzer analyzer, string? rule, Compilation compilation, List<ExpectedSpan> expected, IReadOnlyDictionary<string, string>? additionalFiles)
    {
        // Test sources must compile: a rule that is silent on broken code proves nothing.
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));

        var diagnostics = compilation
            .WithAnalyzers([analyzer], new AnalyzerOptions([.. (additionalFiles ?? new Dictionary<string, string>()).Select(f => (AdditionalText)new InMemoryText(f.Key, f.Value))]))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None)
            .GetAwaiter()
            .GetResult();
        // Only the analyzer's other rules are left out: anything else (AD0001, the analyzer threw)
        // stays and fails the comparison.
        var id = rule ?? analyzer.SupportedDiagnostics.Single().Id;
        var otherRules = analyzer.SupportedDiagnostics.Select(d => d.Id).Where(other => other != id).ToHashSet(StringComparer.Ordinal);
        var actual = diagnostics
            .Where(d => !otherRules.Contains(d.Id))
            .Select(d => new ExpectedSpan(d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition, d.Location.SourceSpan.Length))
            .OrderBy(s => s.ToString(), StringComparer.Ordinal)
            .ToList();
        var wanted = expected
            .Select(s => s with { Id = id })
            .OrderBy(s => s.ToString(), StringComparer.Ordinal)
            .ToList();
        Assert.Equal(wanted, actual);
    }

    // Strips [| and |], recording where each marked span starts (line, column) and how long it is.
    private static (string Source, List<ExpectedSpan> Spans) Parse(string markup, string path)
    {
        var source = new StringBuilder();
        var starts = new Stack<int>();
        var spans = new List<TextSpan>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0)
            {
                starts.Push(source.Length);
                i++;
            }
            else if (string.CompareOrdinal(markup, i, "|]", 0, 2) == 0)
            {
                var start = starts.Pop();
                spans.Add(TextSpan.FromBounds(start, source.Length));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        var text = SourceText.From(source.ToString());
        return (source.ToString(), spans.Select(s => new ExpectedSpan(string.Empty, path, text.Lines.GetLinePosition(s.Start), s.Length)).ToList());
    }

    // The framework the tests run on plus the facade assemblies.
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.GetFiles(framework, "*.dll")
            .Where(IsManaged)
            .Append(typeof(IKpatchFacade).Assembly.Location)
            .Append(typeof(Kpatch).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>Where a diagnostic is expected: rule, file, start (zero-based line and column), length.</summary>
    internal sealed record ExpectedSpan(string Id, string Path, LinePosition Start, int Length)
    {
        public override string ToString() => $"{Id} {Path}({Start.Line + 1},{Start.Character + 1}) length {Length}";
    }

    /// <summary>An additional file (a banned-API list) held in memory.</summary>
    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>Serves #load "x.csx" from memory, relative to /scripts/.</summary>
    private sealed class InMemoryResolver(Dictionary<string, string> files) : SourceReferenceResolver
    {
        public override string? NormalizePath(string path, string? baseFilePath) => path;

        public override string? ResolveReference(string path, string? baseFilePath)
        {
            var full = path.StartsWith('/') ? path : "/scripts/" + path;
            return files.ContainsKey(full) ? full : null;
        }

        public override Stream OpenRead(string resolvedPath) => new MemoryStream(Encoding.UTF8.GetBytes(files[resolvedPath]));

        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => files.GetHashCode();
    }
}
