using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using KpatchScript.Plugins;

namespace KpatchScript.PluginHosting.Loading;

/// <summary>
/// What a plugin assembly says about itself, read from its metadata without loading it: its
/// <see cref="KpatchPluginAttribute"/> (entry type and the contract version baked in at its
/// compile time), its version. Reading first means a plugin built against another contract is
/// refused before any of its types load: a broken contract would otherwise surface as a
/// TypeLoadException somewhere in its code, not as the version mismatch it is.
/// </summary>
internal sealed record PluginManifest(string? EntryType, string? ContractVersion, string Version)
{
    private static readonly string AttributeNamespace = typeof(KpatchPluginAttribute).Namespace!;
    private const string AttributeName = nameof(KpatchPluginAttribute);

    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static PluginManifest Read(string path)
    {
        // A plugin path that is a FIFO would block the open forever; a device would never end.
        using var stream = KpatchScript.IO.BoundedFile.OpenRead(path, KpatchScript.IO.ReadLimits.Assembly);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("it has no .NET metadata");
        }

        var reader = pe.GetMetadataReader();
        if (!reader.IsAssembly)
        {
            throw new BadImageFormatException("it is a module, not an assembly");
        }

        var definition = reader.GetAssemblyDefinition();
        string? entry = null, contract = null, informational = null;
        foreach (var handle in definition.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var (ns, name) = AttributeType(reader, attribute);
            if (ns == AttributeNamespace && name == AttributeName)
            {
                var value = attribute.DecodeValue(new NameProvider());
                entry = value.FixedArguments.Length > 0 ? value.FixedArguments[0].Value as string : null;
                contract = value.FixedArguments.Length > 1 ? value.FixedArguments[1].Value as string : null;
            }
            else if (ns == "System.Reflection" && name == "AssemblyInformationalVersionAttribute")
            {
                var value = attribute.DecodeValue(new NameProvider());
                informational = value.FixedArguments.Length > 0 ? value.FixedArguments[0].Value as string : null;
            }
        }

        // The informational version without its "+commit" suffix, as kpatch-script --version prints its own.
        var version = informational?.Split('+')[0] ?? definition.Version.ToString();
        return new PluginManifest(entry, contract, version);
    }

    private static (string Namespace, string Name) AttributeType(MetadataReader reader, CustomAttribute attribute)
    {
        var parent = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return parent.Kind switch
        {
            HandleKind.TypeReference => reader.GetTypeReference((TypeReferenceHandle)parent) is var r ? (reader.GetString(r.Namespace), reader.GetString(r.Name)) : default,
            HandleKind.TypeDefinition => reader.GetTypeDefinition((TypeDefinitionHandle)parent) is var d ? (reader.GetString(d.Namespace), reader.GetString(d.Name)) : default,
            _ => ("", ""),
        };
    }

    /// <summary>Decodes attribute arguments with types as their names: typeof(X) arguments arrive as the serialized type name.</summary>
    private sealed class NameProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        // Full names: the decoder asks IsSystemType of what these return to tell typeof(X) arguments apart.
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetTypeDefinition(handle) is var d ? $"{reader.GetString(d.Namespace)}.{reader.GetString(d.Name)}" : "";

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            reader.GetTypeReference(handle) is var r ? $"{reader.GetString(r.Namespace)}.{reader.GetString(r.Name)}" : "";

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
