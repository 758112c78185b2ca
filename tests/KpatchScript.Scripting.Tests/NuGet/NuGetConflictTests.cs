using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>A version that does not fit a dependency's range is reported as NuGet's restore reports it: NU1605, NU1608, NU1107.</summary>
public sealed class NuGetConflictTests : NuGetTestBase
{
    private const string Downgrade =
        "Detected package downgrade: Kps.Lib from 2.0.0 to 1.0.0. Reference the package directly from the project to select a different version. "
        + "script -> Kps.App 1.0.0 -> Kps.Lib (>= 2.0.0) / script -> Kps.Lib (= 1.0.0)";

    private const string Outside =
        "Detected package version outside of dependency constraint: Kps.App 1.0.0 requires Kps.Lib (>= 1.0.0 && < 2.0.0) but version Kps.Lib 2.0.0 was resolved.";

    public NuGetConflictTests()
    {
        TestPackage.Write(Workspace.Feed, "Kps.Lib", "1.0.0");
        TestPackage.Write(Workspace.Feed, "Kps.Lib", "2.0.0");
    }

    [Fact]
    public void Refuses_a_script_reference_below_what_a_dependency_needs_as_NU1605()
    {
        TestPackage.Write(Workspace.Feed, "Kps.App", "1.0.0", ("Kps.Lib", "2.0.0"));

        var error = Assert.Throws<ScriptReferenceException>(() => Resolve(("Kps.App", "1.0.0"), ("Kps.Lib", "1.0.0")));

        Assert.Equal(("NU1605", Downgrade), (error.Code, error.Message));
    }

    [Fact]
    public void Warns_NU1608_and_goes_on_when_a_script_reference_is_above_a_dependency_range()
    {
        TestPackage.Write(Workspace.Feed, "Kps.App", "1.0.0", ("Kps.Lib", "[1.0.0, 2.0.0)"));

        var resolution = Resolve(("Kps.App", "1.0.0"), ("Kps.Lib", "2.0.0"));

        Assert.Equal(["Kps.App 1.0.0", "Kps.Lib 2.0.0"], resolution.Packages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(new NuGetWarning("NU1608", Outside), Assert.Single(resolution.Warnings));
    }

    [Fact]
    public void Refuses_dependencies_whose_ranges_no_version_meets_as_NU1107()
    {
        TestPackage.Write(Workspace.Feed, "Kps.One", "1.0.0", ("Kps.Lib", "[1.0.0]"));
        TestPackage.Write(Workspace.Feed, "Kps.Two", "1.0.0", ("Kps.Lib", "[2.0.0]"));

        var error = Assert.Throws<ScriptReferenceException>(() => Resolve(("Kps.One", null), ("Kps.Two", null)));

        Assert.Equal("NU1107", error.Code);
        Assert.Equal(
            "Version conflict detected for Kps.Lib. Install/reference Kps.Lib 2.0.0 directly to resolve this issue. "
            + "script -> Kps.One 1.0.0 -> Kps.Lib (= 1.0.0) / script -> Kps.Two 1.0.0 -> Kps.Lib (= 2.0.0)",
            error.Message);
    }

    [Fact]
    public void Prints_the_warning_and_the_error_at_the_directive_with_NuGet_codes()
    {
        TestPackage.Write(Workspace.Feed, "Kps.App", "1.0.0", ("Kps.Lib", "[1.0.0, 2.0.0)"));
        TestPackage.Write(Workspace.Feed, "Kps.App", "2.0.0", ("Kps.Lib", "2.0.0"));
        Workspace.WriteConfig(Workspace.Feed);
        using var warnings = new StringWriter();
        var host = new ScriptHost(cache: null, warnings);

        host.Check(Script("outside.csx", "2.0.0", "1.0.0"), CancellationToken.None);
        var error = Assert.Throws<ScriptException>(() => host.Check(Script("downgrade.csx", "1.0.0", "2.0.0"), CancellationToken.None));

        Assert.Equal($"{Path.Combine(Workspace.Root, "outside.csx")}(1,1): warning NU1608: {Outside}{Environment.NewLine}", warnings.ToString());
        // Here it is version 2.0.0 of Kps.App that needs Kps.Lib 2.0.0.
        Assert.Equal($"{Path.Combine(Workspace.Root, "downgrade.csx")}(1,1): error NU1605: {Downgrade.Replace("Kps.App 1.0.0", "Kps.App 2.0.0", StringComparison.Ordinal)}", error.Message);
    }

    private NuGetResolution Resolve(params (string Id, string? Version)[] references) =>
        Workspace.Resolver(Workspace.Feed).Resolve([.. references.Select(r => new NuGetReference(r.Id, r.Version))], CancellationToken.None);

    private ScriptClosure Script(string name, string lib, string app)
    {
        var path = Path.Combine(Workspace.Root, name);
        File.WriteAllText(path, $"#r \"nuget: Kps.Lib, {lib}\"\n#r \"nuget: Kps.App, {app}\"\nreturn 0;\n");
        return ScriptClosure.FromFile(path);
    }
}
