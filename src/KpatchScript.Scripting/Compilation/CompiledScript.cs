namespace KpatchScript.Scripting.Compilation;

/// <summary>An emitted script assembly, the metadata token of its entry point, the files it needs at run time, and the compiler's warnings (formatted).</summary>
public sealed record CompiledScript(byte[] Assembly, int EntryToken, IReadOnlyList<string> RuntimeReferences, IReadOnlyList<string> Warnings);
