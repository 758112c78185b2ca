using KpatchScript.Scripting.NuGet;
using Xunit.Abstractions;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>The trust policy of NuGet.Config (signatureValidationMode, trustedSigners) is applied when a package is extracted.</summary>
public sealed class NuGetTrustTests(ITestOutputHelper output) : NuGetTestBase
{
    [Fact]
    public void Refuses_an_unsigned_package_when_the_policy_requires_signatures_and_leaves_nothing()
    {
        TestPackage.Write(Workspace.Feed, "Kps.Unsigned", "1.0.0");

        var error = Assert.Throws<ScriptReferenceException>(() => ResolveWithMode("require"));

        output.WriteLine(error.Message);
        Assert.Equal("NU3004", error.Code);
        Assert.Equal(
            $"Package 'Kps.Unsigned 1.0.0' from source '{Workspace.Feed}': signatureValidationMode is set to require, so packages are allowed only if signed by trusted signers; however, this package is unsigned.",
            error.Message);
        var folder = Path.Combine(Workspace.Packages, "kps.unsigned");
        Assert.True(!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Any(File.Exists), "nothing extracted is left");
    }

    [Fact]
    public void Installs_an_unsigned_package_in_the_default_mode()
    {
        TestPackage.Write(Workspace.Feed, "Kps.Unsigned", "1.0.0");

        var resolution = ResolveWithMode("accept");

        Assert.True(File.Exists(Assert.Single(resolution.Assemblies)));
    }

    private NuGetResolution ResolveWithMode(string mode)
    {
        Workspace.WriteConfig(Workspace.Feed, config: $"""<add key="signatureValidationMode" value="{mode}" />""");
        return NuGetResolver.ForScript(Workspace.Root, []).Resolve([new NuGetReference("Kps.Unsigned", "1.0.0")], CancellationToken.None);
    }
}
