using KpatchScript.Modules;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>JSON of <c>kpatch-script info MODULE --json</c> (schema: Modules/module-info.schema.json).</summary>
public static class ModuleDetailsJson
{
    public static string Write(PatchModuleDetails module)
    {
        var w = new JsonTextBuilder();
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("query", module.Query);
        w.WriteString("name", module.Name);
        w.WriteString("path", module.Path);
        w.WriteBoolean("installed", module.Installed);
        w.WriteString("kernel_release", module.KernelRelease);
        w.WriteStartArray("modinfo");
        foreach (var field in module.Fields)
        {
            w.WriteStartObject();
            w.WriteString("key", field.Key);
            w.WriteString("value", field.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("signature");
        w.WriteString("state", StateWord(module.Signature.State));
        w.WriteString("signer", module.Signature.Signer);
        w.WriteString("key_id", module.Signature.KeyId);
        w.WriteString("hash_algorithm", module.Signature.HashAlgorithm);
        w.WriteString("explanation", module.Signature.Explanation);
        w.WriteEndObject();
        w.WriteBoolean("loaded", module.Loaded);
        w.WriteString("taint", module.Taint);
        if (module.Patch is { } patch)
        {
            w.WritePropertyName("patch");
            StatusJsonWriter.Patch(w, patch);
        }
        else
        {
            w.WriteNull("patch");
        }

        w.WriteEndObject();
        return w.ToString();
    }

    /// <summary>A signature state's word in JSON and text: unsigned, untrusted, trusted, not-checked, unknown.</summary>
    public static string StateWord(ModuleSignatureState state) => state switch
    {
        ModuleSignatureState.NotSigned => "unsigned",
        ModuleSignatureState.Untrusted => "untrusted",
        ModuleSignatureState.Trusted => "trusted",
        ModuleSignatureState.NotChecked => "not-checked",
        _ => "unknown",
    };

    /// <summary>The document of a module that cannot be found or read: <c>{"schema_version": 1, "query": ..., "unknown": reason}</c>.</summary>
    public static string WriteUnknown(string query, Reading<PatchModuleDetails> reading)
    {
        var w = new JsonTextBuilder();
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("query", query);
        w.WriteString("unknown", reading.UnknownReason);
        w.WriteEndObject();
        return w.ToString();
    }
}
