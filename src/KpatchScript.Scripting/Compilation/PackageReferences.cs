using KpatchScript.Scripting.Directives;

namespace KpatchScript.Scripting.Compilation;

/// <summary>The assemblies of the NuGet packages a closure asks for (<c>#r "nuget: Id, Version"</c>), resolved from the configured sources.</summary>
internal static class PackageReferences
{
    public static IReadOnlyList<string> Resolve(ScriptClosure closure, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var packages = closure.Packages.ToList();
        if (packages.Count == 0)
        {
            return [];
        }

        _ = sources;
        _ = cancellationToken;
        throw new ScriptException($"{closure.Main.Path}({packages[0].Line},1): error: #r \"nuget:\" is not resolved yet");
    }
}
