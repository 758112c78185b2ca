using KpatchScript.Scripting.Tests.Suite;

namespace KpatchScript.Scripting.Tests;

/// <summary>
/// The script dialect end to end: every case folder under tests/scripts (see its README) runs
/// through the real kpatch-script process twice in a copy of itself: the first run compiles and
/// fills the suite's cache, the second is a cache hit, and both must print and return what the
/// case expects. KPS_UPDATE_GOLDEN=1 rewrites the expected files; review every one.
/// </summary>
public sealed class ScriptSuiteTests
{
    public static TheoryData<string> Cases => new(ScriptCase.All());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_runs_as_expected_compiled_then_cached(string name)
    {
        var @case = new ScriptCase(name);
        var copy = Path.Combine(Path.GetTempPath(), $"kps-script-case-{Environment.ProcessId}-{name}");
        try
        {
            CopyTree(@case.Directory, copy);
            MakeFifos(copy);
            CaseAssemblies.BuildAll(copy);
            var arguments = @case.Arguments().Select(KpatchScriptProcess.ResolveFixtures).ToList();
            var compiled = await RunAsync(@case, arguments, copy);
            var cached = await RunAsync(@case, arguments, copy);
            if (Environment.GetEnvironmentVariable("KPS_UPDATE_GOLDEN") == "1")
            {
                compiled.WriteAsExpected(@case, cached: false);
                cached.WriteAsExpected(@case, cached: true);
            }

            Assert.Equal(CaseOutcome.Expected(@case, cached: false).ToString(), compiled.ComparableTo(@case).ToString());
            Assert.Equal(CaseOutcome.Expected(@case, cached: true).ToString(), cached.ComparableTo(@case).ToString());
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    private static async Task<CaseOutcome> RunAsync(ScriptCase @case, IReadOnlyList<string> arguments, string copy)
    {
        var result = await KpatchScriptProcess.RunAsync(arguments, copy, @case.StandardInput);
        string Normalize(string text) => KpatchScriptProcess.Normalize(text, copy, @case.Fixtures());
        return new CaseOutcome(result.ExitCode, Normalize(result.StandardOutput), Normalize(result.StandardError));
    }

    /// <summary>Git holds no FIFO: a case names its FIFOs in <c>fifos</c>, one path a line, made in the copy.</summary>
    private static void MakeFifos(string copy)
    {
        var list = Path.Combine(copy, "fifos");
        if (!File.Exists(list))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(list).Where(l => l.Length > 0))
        {
            var path = Path.Combine(copy, line);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            TestFixtures.SpecialFiles.MakeFifo(path);
        }
    }

    private static void CopyTree(string source, string destination)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
