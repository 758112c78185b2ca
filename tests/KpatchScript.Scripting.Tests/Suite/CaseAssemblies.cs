using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KpatchScript.Scripting.Tests.Suite;

/// <summary>
/// Builds the assemblies a case references with <c>#r</c>: each <c>NAME.dll.cs</c> in the case is
/// compiled to <c>NAME.dll</c> next to it in the case's copy. Roslyn in-process takes well under a
/// second, where a dotnet build would take many; and no binary is committed.
/// </summary>
internal static class CaseAssemblies
{
    public static void BuildAll(string caseCopy)
    {
        foreach (var source in Directory.GetFiles(caseCopy, "*.dll.cs", SearchOption.AllDirectories))
        {
            Build(source, source[..^".cs".Length]);
        }
    }

    private static void Build(string source, string output) => File.WriteAllBytes(output, Compile(source));

    /// <summary>The assembly <c>NAME.dll.cs</c> compiles to, named NAME.</summary>
    public static byte[] Compile(string source)
    {
        var output = source[..^".cs".Length];
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(output),
            [CSharpSyntaxTree.ParseText(File.ReadAllText(source), path: source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(Path.Combine(runtime, "System.Runtime.dll"))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true));
        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);
        if (!emitted.Success)
        {
            throw new InvalidOperationException($"{source} does not compile: {string.Join("; ", emitted.Diagnostics)}");
        }

        return assembly.ToArray();
    }
}
