using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace KpatchScript.Scripting.Compilation;

/// <summary>Finds the metadata token of <c>Submission#0.&lt;Factory&gt;</c> in an emitted script, once, at compile time.</summary>
internal static class EntryPoint
{
    public static int TokenOf(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var metadata = pe.GetMetadataReader();
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(typeHandle);
            if (!type.Namespace.IsNil || metadata.GetString(type.Name) != "Submission#0")
            {
                continue;
            }

            foreach (var methodHandle in type.GetMethods())
            {
                if (metadata.GetString(metadata.GetMethodDefinition(methodHandle).Name) == "<Factory>")
                {
                    return MetadataTokens.GetToken(methodHandle);
                }
            }
        }

        throw new ScriptException("the compiled script has no Submission#0.<Factory>: this Roslyn version emits scripts differently");
    }
}
