using KpatchScript.IO;
using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Compilation;

namespace KpatchScript.Scripting.Publishing;

/// <summary>
/// Writes a compiled script where <c>exec</c> runs it from: <c>NAME.dll</c>, the #r and package
/// assemblies it loads (copied beside it, as dotnet-script's <c>publish --dll</c> copies them), and
/// <c>NAME.kpatch-script.json</c>. Each file is written whole (a temporary renamed into place) and
/// the manifest last, so an interrupted publish never leaves a manifest naming files that are not there.
/// </summary>
internal static class ScriptPublisher
{
    public static PublishedFiles Write(CompiledScript compiled, string scriptPath, string directory, string name)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(full);
            var references = new List<string>(compiled.RuntimeReferences.Count);
            foreach (var reference in compiled.RuntimeReferences)
            {
                var fileName = Path.GetFileName(reference);
                var target = Path.Combine(full, fileName);
                if (Path.GetFullPath(reference) != target)
                {
                    AtomicFile.Write(target, (Stream stream) =>
                    {
                        using var source = File.OpenRead(reference);
                        source.CopyTo(stream);
                    });
                }

                references.Add(fileName);
            }

            var assembly = Path.Combine(full, name + ".dll");
            AtomicFile.Write(assembly, (Stream stream) => stream.Write(compiled.Assembly));
            var manifest = new PublishManifest(BuildStamp.Version, PublishManifest.CurrentBuild, scriptPath, name + ".dll", PublishManifest.Hash(compiled.Assembly), compiled.EntryToken, references);
            var manifestPath = PublishManifest.PathFor(assembly);
            AtomicFile.Write(manifestPath, (Stream stream) => stream.Write(manifest.ToJson()));
            return new PublishedFiles(assembly, manifestPath, references.Count);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScriptException($"{full}: error: cannot publish there: {ex.Message}");
        }
    }
}

/// <summary>What <c>publish</c> wrote.</summary>
/// <param name="Assembly">The script's assembly, for <c>exec</c>.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="References">How many assemblies were copied beside it.</param>
public sealed record PublishedFiles(string Assembly, string Manifest, int References);
