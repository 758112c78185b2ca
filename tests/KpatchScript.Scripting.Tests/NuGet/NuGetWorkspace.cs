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

    /// <summary>
    /// Writes <c>NuGet.Config</c> in <see cref="Root"/>: the packages folder <see cref="Packages"/>, only
    /// <paramref name="source"/> (named <c>local</c>), and <paramref name="config"/> and <paramref name="more"/> as written.
    /// </summary>
    /// <param name="source">The one source: a folder or a v3 index URL.</param>
    /// <param name="config">Elements of &lt;config&gt;, e.g. signatureValidationMode.</param>
    /// <param name="more">Further sections, e.g. &lt;packageSourceCredentials&gt;.</param>
    public void WriteConfig(string source, string config = "", string more = "") =>
        File.WriteAllText(Path.Combine(_root, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="packages" />{config}</config>
              <packageSources><clear /><add key="local" value="{source}" /></packageSources>
              {more}
            </configuration>
            """);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
