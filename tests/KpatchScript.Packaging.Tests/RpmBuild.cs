using KpatchScript.TestFixtures;

namespace KpatchScript.Packaging.Tests;

/// <summary>
/// The RPM, built once for the test class by src/packaging/build-rpm (the README's build command)
/// with this machine's rpmbuild. Missing rpmbuild fails loudly (tests/run installs it).
/// </summary>
public sealed class RpmBuild : IDisposable
{
    public RpmBuild()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kps-rpm-").FullName;
        var result = ProcessHelper.Execute(RepositoryPaths.Combine("src", "packaging", "build-rpm"), Directory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"src/packaging/build-rpm failed ({result.ExitCode}): {result.StandardError}");
        }

        Package = result.StandardOutput.Trim();
    }

    /// <summary>Where the package was written.</summary>
    public string Directory { get; }

    /// <summary>The .rpm file.</summary>
    public string Package { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
