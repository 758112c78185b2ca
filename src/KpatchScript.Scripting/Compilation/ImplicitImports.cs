namespace KpatchScript.Scripting.Compilation;

/// <summary>dotnet-script's implicit imports (its ScriptCompiler.ImportedNamespaces), so scripts written for it compile here unchanged.</summary>
internal static class ImplicitImports
{
    public static readonly string[] Namespaces =
    [
        "System", "System.IO", "System.Collections.Generic", "System.Console", "System.Diagnostics", "System.Dynamic",
        "System.Linq", "System.Linq.Expressions", "System.Text", "System.Threading.Tasks",
    ];
}
