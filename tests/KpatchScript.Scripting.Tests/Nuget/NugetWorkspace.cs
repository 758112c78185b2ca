using KpatchScript.Scripting.Nuget;

namespace KpatchScript.Scripting.Tests.Nuget;

/// <summary>A temporary folder feed and an empty packages folder, deleted after the test.</summary>
public sealed class NugetWorkspace : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kps-nuget-").FullName;

    public string Root => _root;

    public string Feed => Path.Combine(_root, "feed");

    public string Packages => Path.Combine(_root, "packages");

    public NugetResolver Resolver(params string[] sources) => new(sources, Packages);

    public NugetResolution Resolve(string id, string? version, params string[] sources) =>
        Resolver(sources).Resolve([new NugetReference(id, version)], CancellationToken.None);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
