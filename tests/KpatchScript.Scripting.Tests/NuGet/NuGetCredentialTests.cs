using KpatchScript.Scripting.NuGet;
using Xunit.Abstractions;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>A feed that needs credentials gets the ones NuGet.Config holds for it, as NuGet gives them.</summary>
public sealed class NuGetCredentialTests : NuGetTestBase
{
    private readonly AuthenticatedFeedServer _server;

    private readonly ITestOutputHelper _output;

    public NuGetCredentialTests(ITestOutputHelper output)
    {
        _output = output;
        var served = Path.Combine(Workspace.Root, "served");
        TestPackage.Write(served, "Kps.Private", "1.0.0");
        _server = new AuthenticatedFeedServer(served, "kps", "s3cret");
    }

    [Fact]
    public void Sends_the_credentials_of_NuGet_config_to_the_feed()
    {
        var resolution = ResolveWithConfig("""
            <packageSourceCredentials>
              <local>
                <add key="Username" value="kps" />
                <add key="ClearTextPassword" value="s3cret" />
              </local>
            </packageSourceCredentials>
            """);

        Assert.Equal("Kps.Private 1.0.0", $"{resolution.Packages[0].Id} {resolution.Packages[0].Version}");
        Assert.True(File.Exists(Assert.Single(resolution.Assemblies)));
        Assert.Contains(_server.Log, line => line.EndsWith(".nupkg 200", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_the_source_and_the_401_in_one_line_without_credentials()
    {
        // NuGet asks a refusing source again, a second apart; once tells the same (as in NuGetErrorTests).
        Environment.SetEnvironmentVariable("NUGET_ENHANCED_MAX_NETWORK_TRY_COUNT", "1");

        var error = Assert.Throws<ScriptReferenceException>(() => ResolveWithConfig(""));

        _output.WriteLine(error.Message);
        _output.WriteLine(string.Join(Environment.NewLine, _server.Log));

        Assert.StartsWith($"package 'Kps.Private' version '1.0.0' was not found in: {_server.IndexUrl} (", error.Message);
        Assert.Contains("(401 Unauthorized: give the source's credentials in NuGet.Config <packageSourceCredentials>), packages folder", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    protected override void Dispose(bool disposing)
    {
        _server.Dispose();
        base.Dispose(disposing);
    }

    private NuGetResolution ResolveWithConfig(string credentials)
    {
        Workspace.WriteConfig(_server.IndexUrl, more: credentials);
        return NuGetResolver.ForScript(Workspace.Root, []).Resolve([new NuGetReference("Kps.Private", "1.0.0")], CancellationToken.None);
    }
}
