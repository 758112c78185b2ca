using System.Text;
using System.Text.Json;
using KpatchScript.IO;
using KpatchScript.Scripting.Caching;

namespace KpatchScript.Scripting.Publishing;

/// <summary>
/// <c>NAME.kpatch-script.json</c>, beside the <c>NAME.dll</c> that <c>publish</c> wrote: what
/// <c>exec</c> needs to run it without the compiler (the entry point's metadata token, the files
/// to load beside it) and to refuse what it cannot run: a DLL it does not describe (the hash of
/// its bytes) or one compiled against another build of the facade (version and build stamp).
/// </summary>
/// <param name="Version">kpatch-script's version at publish time.</param>
/// <param name="Build">A hash of the facade, contracts and analyzers the script was compiled against (<see cref="BuildStamp"/>).</param>
/// <param name="Script">The published .csx, for messages.</param>
/// <param name="Assembly">The file name of the script's assembly.</param>
/// <param name="AssemblyHash">A hash of its bytes.</param>
/// <param name="EntryToken">Metadata token of <c>Submission#0.&lt;Factory&gt;</c>.</param>
/// <param name="References">File names, beside the assembly, of the #r and package assemblies it loads.</param>
internal sealed record PublishManifest(string Version, string Build, string Script, string Assembly, string AssemblyHash, int EntryToken, IReadOnlyList<string> References)
{
    /// <summary>Names this file kind and its layout; another value is not a manifest this version reads.</summary>
    public const string Format = "kpatch-script-publish/1";

    public const string Suffix = ".kpatch-script.json";

    /// <summary>What this build of kpatch-script writes and runs.</summary>
    public static string CurrentBuild => Hash(Encoding.UTF8.GetBytes(BuildStamp.References));

    public static string PathFor(string assemblyPath) =>
        Path.Combine(Path.GetDirectoryName(assemblyPath)!, Path.GetFileNameWithoutExtension(assemblyPath) + Suffix);

    /// <summary>Not a security boundary (whoever can write the folder can write the manifest too): it tells a replaced DLL from the published one.</summary>
    public static string Hash(byte[] bytes)
    {
        var hash = new KeyHash();
        hash.Append(bytes);
        return hash.ToHex();
    }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("version", Version);
            json.WriteString("build", Build);
            json.WriteString("script", Script);
            json.WriteString("assembly", Assembly);
            json.WriteString("assemblyHash", AssemblyHash);
            json.WriteNumber("entryToken", EntryToken);
            json.WriteStartArray("references");
            foreach (var reference in References)
            {
                json.WriteStringValue(reference);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The manifest at <paramref name="path"/>; a file that is not one is a <see cref="ScriptException"/> naming it.</summary>
    public static PublishManifest Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(BoundedFile.ReadBytes(path, ReadLimits.Configuration));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String)
            {
                throw NotAManifest(path, "it has no \"format\"");
            }

            if (format.GetString() != Format)
            {
                throw NotAManifest(path, $"its format is \"{format.GetString()}\", this kpatch-script reads \"{Format}\": publish the script again with this version");
            }

            return new PublishManifest(
                Text(root, "version"), Text(root, "build"), Text(root, "script"), Text(root, "assembly"), Text(root, "assemblyHash"),
                root.GetProperty("entryToken").GetInt32(),
                [.. root.GetProperty("references").EnumerateArray().Select(r => r.GetString() ?? throw new FormatException("a reference is not a string"))]);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw NotAManifest(path, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScriptException($"{path}: error: cannot read the publish manifest: {ex.Message}");
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"\"{name}\" is not a string");

    private static ScriptException NotAManifest(string path, string why) =>
        new($"{path}: error: not a kpatch-script publish manifest ({why})");
}
