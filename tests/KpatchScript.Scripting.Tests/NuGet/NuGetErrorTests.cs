using System.Diagnostics;
using KpatchScript.Scripting.NuGet;
using Xunit.Abstractions;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>What a script author reads when a reference cannot be resolved: one line that says what to do.</summary>
public sealed class NuGetErrorTests(ITestOutputHelper output) : NuGetTestBase
{
    [Fact]
    public void Names_the_package_the_version_and_every_place_tried_when_not_found()
    {
        TestPackage.Write(Workspace.Feed, "Kps.Other", "1.0.0");
        const string Unreachable = "http://127.0.0.1:9/v3/index.json";
        // NuGet tries a dead source 6 times a second apart (11 s); once tells the same. Only http sources read it.
        Environment.SetEnvironmentVariable("NUGET_ENHANCED_MAX_NETWORK_TRY_COUNT", "1");
        var stopwatch = Stopwatch.StartNew();

        var error = Assert.Throws<ScriptReferenceException>(() => Workspace.Resolve("Kps.Missing", "1.2.3", Workspace.Feed, Unreachable));

        output.WriteLine($"{stopwatch.ElapsedMilliseconds} ms: {error.Message}");
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith($"package 'Kps.Missing' version '1.2.3' was not found in: {Workspace.Feed}, {Unreachable} (", error.Message);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith($", packages folder {Workspace.Packages} (add a source with --source DIR or in NuGet.Config)", error.Message);
    }

    [Fact]
    public void Lists_the_versions_there_are_when_none_matches()
    {
        TestPackage.Write(Workspace.Feed, "Kps.Other", "1.0.0");

        var error = Assert.Throws<ScriptReferenceException>(() => Workspace.Resolve("Kps.Other", "2.0.0", Workspace.Feed));

        Assert.Contains($"in: {Workspace.Feed}, packages folder {Workspace.Packages}; available: 1.0.0 (add a source", error.Message);
    }

    [Theory]
    [InlineData("Pack/age", null, "package id 'Pack/age' is not valid: ")]
    [InlineData("Foo Bar", "1.0.0", "package id 'Foo Bar' is not valid: ")]
    [InlineData("Foo", "one", "package 'Foo' version 'one' is not a valid version: use 1.2.3")]
    [InlineData("Foo", "[1.0", "package 'Foo' version '[1.0' is not a valid version: use 1.2.3")]
    public void Rejects_an_invalid_id_or_version_in_one_line(string id, string? version, string expected)
    {
        var error = Assert.Throws<ScriptReferenceException>(() => Workspace.Resolve(id, version));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Rejects_one_package_asked_with_two_versions()
    {
        var references = new[] { new NuGetReference("Kps.Other", "1.0.0"), new NuGetReference("kps.other", "2.0.0") };

        var error = Assert.Throws<ScriptReferenceException>(() => Workspace.Resolver().Resolve(references, CancellationToken.None));

        Assert.Equal("package 'kps.other' is referenced with two versions, '1.0.0' and '2.0.0': keep one #r \"nuget: kps.other, VERSION\"", error.Message);
    }
}
