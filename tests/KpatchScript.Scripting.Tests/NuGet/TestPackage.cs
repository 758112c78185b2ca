using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>
/// Writes real, small .nupkg files: a nuspec and lib/net8.0/&lt;id&gt;.dll compiled with Roslyn, so the
/// assembly's name is its own (a renamed copy of another assembly would not be).
/// </summary>
internal static class TestPackage
{
    private static readonly ConcurrentDictionary<string, byte[]> Assemblies = new();

    /// <summary>Writes <c>&lt;id&gt;.&lt;version&gt;.nupkg</c> into <paramref name="folder"/>; dependencies are (id, range) pairs.</summary>
    public static string Write(string folder, string id, string version, params (string Id, string Range)[] dependencies)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{id}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        WriteEntry(zip, $"{id}.nuspec", Encoding.UTF8.GetBytes(Nuspec(id, version, dependencies)));
        WriteEntry(zip, $"lib/net8.0/{id}.dll", Assemblies.GetOrAdd($"{id}/{version}", _ => Compile(id, version)));
        return path;
    }

    /// <summary>Writes the package in the hierarchical layout: <c>&lt;folder&gt;/&lt;id&gt;/&lt;version&gt;/&lt;id&gt;.&lt;version&gt;.nupkg</c>.</summary>
    public static string WriteHierarchical(string folder, string id, string version, params (string Id, string Range)[] dependencies) =>
        Write(Path.Combine(folder, id.ToLowerInvariant(), version), id, version, dependencies);

    private static string Nuspec(string id, string version, (string Id, string Range)[] dependencies)
    {
        var dependencyElements = string.Concat(dependencies.Select(d => $"""<dependency id="{d.Id}" version="{d.Range}" />"""));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>tests</authors>
                <description>A test package.</description>
                <dependencies><group targetFramework="net8.0">{dependencyElements}</group></dependencies>
              </metadata>
            </package>
            """;
    }

    private static byte[] Compile(string id, string version)
    {
        var numeric = version.Split('-')[0];
        var source = $$"""
            [assembly: System.Reflection.AssemblyVersion("{{numeric}}")]
            namespace {{id}};
            public static class Marker { public const string Version = "{{version}}"; }
            """;
        var compilation = CSharpCompilation.Create(
            id,
            [CSharpSyntaxTree.ParseText(source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return stream.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(content);
    }
}
