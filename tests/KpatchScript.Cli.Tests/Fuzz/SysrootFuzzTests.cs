using CsCheck;
using KpatchScript.Serialization;
using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Cli.Tests.Fuzz;

/// <summary>
/// Captured trees with their files swapped for FIFOs, device nodes, huge sparse files, garbage,
/// torn or edited text, link loops, links to <c>/dev/zero</c>, to <c>/</c> and out of the tree
/// (absolute, relative, to a FIFO): status, verify and report through the CLI, detect and verify
/// through the facade. No crash, hang, stack trace or invalid JSON, and nothing outside the tree
/// is ever opened (inotify on the directory the links point into).
/// </summary>
public sealed class SysrootFuzzTests : IDisposable
{
    private static readonly string[] Fixtures = [SysrootFixtures.OneEnabledPatch, SysrootFixtures.PatchInTransition, SysrootFixtures.LabStalled, SysrootFixtures.TwoStackedPatches];

    private static readonly string[][] Commands =
    [
        ["status", "--json"], ["status", "--json"], ["verify", "--json"], ["status"], ["verify"], ["report", "--format", "json"], ["report", "--format", "md"],
    ];

    private readonly string _work = Directory.CreateTempSubdirectory("kps-fuzz-sysroot-").FullName;
    private readonly string _outside;
    private readonly MutableTree[] _trees;
    private readonly AccessWatch _watch;
    private readonly ITestOutputHelper _output;

    public SysrootFuzzTests(ITestOutputHelper output)
    {
        _output = output;
        _outside = Directory.CreateDirectory(Path.Combine(_work, "outside")).FullName;
        File.WriteAllText(Path.Combine(_outside, "secret"), "KPS_FUZZ_CANARY=1\n");
        SpecialFiles.MakeFifo(Path.Combine(_outside, "fifo"));
        _trees = [.. Fixtures.Select((f, i) => new MutableTree(f, Path.Combine(_work, $"tree{i}")))];
        _watch = new AccessWatch(_outside);
    }

    public void Dispose()
    {
        _watch.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>A case: which tree, which of its paths become what, which command runs.</summary>
    private sealed record TreeCase(int Tree, (int Path, FileCase Change)[] Changes, int Command)
    {
        public static Gen<TreeCase> Gen { get; } = CsCheck.Gen.Select(
            CsCheck.Gen.Int[0, Fixtures.Length - 1],
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, 100_000], FileCase.TreeGen).Array[1, 4],
            CsCheck.Gen.Int[0, Commands.Length - 1],
            (tree, changes, command) => new TreeCase(tree, changes, command));

        public override string ToString() =>
            $"{Fixtures[Tree]}, {string.Join(' ', Commands[Command])}: " + string.Join("; ", Changes.Select(c => $"#{c.Path} {c.Change}"));
    }

    [Fact]
    public void Cli_survives_mutated_sysroots() =>
        FuzzRunner.Run("sysroot (cli)", 1600, TreeCase.Gen, c => InTree(c, root =>
        {
            var outcome = CliRunner.Run([.. Commands[c.Command], "--target", "sysroot:" + root]);
            return Outcomes.Check(outcome, json: Commands[c.Command].Contains("json"));
        }), _output);

    [Fact]
    public void Facade_survives_mutated_sysroots() =>
        FuzzRunner.Run("sysroot (facade)", 400, TreeCase.Gen, c => InTree(c, root =>
        {
            var facade = Kpatch.Connect("sysroot:" + root);
            var status = facade.DetectAsync().GetAwaiter().GetResult();
            var verification = facade.VerifyAsync().GetAwaiter().GetResult();
            return Outcomes.JsonProblem(StatusJson.Serialize(status)) ?? Outcomes.JsonProblem(VerificationJson.Write(verification));
        }), _output);

    private string? InTree(TreeCase c, Func<string, string?> run)
    {
        var tree = _trees[c.Tree];
        try
        {
            var named = c.Changes.Select(change => tree.Change(change.Path, change.Change, _outside)).ToList();
            _watch.Touched(); // the case's own writes
            var problem = run(tree.Root);
            return _watch.Touched() ? $"a file outside the tree was opened (changed: {string.Join(", ", named)})" : problem;
        }
        finally
        {
            tree.Restore();
        }
    }
}
