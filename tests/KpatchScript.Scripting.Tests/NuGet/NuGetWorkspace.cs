using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>A temporary folder feed and an empty packages folder, deleted after the test.</summary>
public sealed class NuGetWorkspace : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kps-nuget-").FullName;

    public string Root => _root;

    public string Feed => Path.Combine(_root, "feed");

    public string Packages => Path.Combine(_root, "packages");

    public NuGetResolver Resolver(params string[] sources) => new(sources, Packages);

    public NuGetResolution Resolve(string id, string? version, params string[] sources) =>
        Resolver(sources).Resolve([new NuGetReference(id, version)], CancellationToken.None);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
