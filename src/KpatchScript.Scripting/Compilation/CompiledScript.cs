namespace KpatchScript.Scripting.Compilation;

/// <summary>An emitted script assembly, the files it needs at run time, and the compiler's warnings (already formatted).</summary>
public sealed record CompiledScript(byte[] Assembly, IReadOnlyList<string> RuntimeReferences, IReadOnlyList<string> Warnings);
