using KpatchScript.Scripting.Directives;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Running;

/// <summary>The shipped workflows obey the KPS rules: check reports no error (and no warning) for any of them.</summary>
public sealed class WorkflowLintTests
{
    public static TheoryData<string> Workflows() => new(Directory.GetFiles(RepositoryPaths.Combine("scripts"), "*.csx").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Check_reports_nothing_for_a_shipped_workflow(string name)
    {
        using var warnings = new StringWriter();

        new ScriptHost(cache: null, warnings).Check(ScriptClosure.FromFile(RepositoryPaths.Combine("scripts", name)), CancellationToken.None);

        Assert.Equal("", warnings.ToString());
    }
}
