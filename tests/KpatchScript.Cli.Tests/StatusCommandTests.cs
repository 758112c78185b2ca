using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

public sealed class StatusCommandTests
{
    public static TheoryData<string> Cases() => new(SysrootFixtures.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_schema_valid_json_and_nothing_on_stderr(string fixture)
    {
        var outcome = CliRunner.Run("status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(fixture));

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Empty(JsonSchemaFile.Status.Errors(outcome.Out));
        Assert.Equal(2, JsonDocument.Parse(outcome.Out).RootElement.GetProperty("schema_version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_a_readable_table(string fixture)
    {
        var root = SysrootFixtures.Get(fixture);
        var outcome = CliRunner.Run("status", $"--target=sysroot:{root}");

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        var text = outcome.Out.Replace(root, "<sysroot>", StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", text, StringComparison.Ordinal);
        Assert.Equal(GoldenFiles.Expected($"tests/KpatchScript.Cli.Tests/Golden/status/{fixture}.txt", text), text);
    }

    [Fact]
    public void Accepts_the_options_in_any_order()
    {
        var root = SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);

        var outcome = CliRunner.Run("status", "--target", "sysroot:" + root, "--json");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("5.14.0-284.11.1.el9_2.x86_64", JsonDocument.Parse(outcome.Out).RootElement.GetProperty("kernel").GetProperty("running").GetString());
    }

    [Fact]
    public void Fails_with_one_line_when_the_tree_is_not_a_host()
    {
        var empty = Directory.CreateTempSubdirectory("kps-empty-").FullName;
        try
        {
            var outcome = CliRunner.Run("status", "--json", "--target", "sysroot:" + empty);

            Assert.Equal(1, outcome.ExitCode);
            Assert.Equal("", outcome.Out);
            Assert.Equal(
                $"kpatch-script: error: sysroot:{empty} does not look like a host: /proc/sys/kernel/osrelease does not exist, and /etc/os-release does not exist\n",
                outcome.Error);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Theory]
    [InlineData(new[] { "status", "--target", "sysroot:/nonexistent/kps" }, "kpatch-script: error: sysroot /nonexistent/kps is not a directory\n")]
    [InlineData(new[] { "status", "--target", "nfs:host" }, "kpatch-script: error: unknown target 'nfs:host': expected local | sysroot:DIR | ssh://USER@HOST[:PORT]\n")]
    public void Fails_with_one_line_for_a_bad_target(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((1, "", expected), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Shows_the_stack_trace_only_with_verbose()
    {
        var quiet = CliRunner.Run("status", "--target", "sysroot:/nonexistent/kps");
        var verbose = CliRunner.Run("status", "--target", "sysroot:/nonexistent/kps", "--verbose");

        Assert.DoesNotContain("   at ", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
        Assert.Equal(1, verbose.ExitCode);
    }

    [Fact]
    public void Closes_the_targets_a_command_opened()
    {
        var target = new DisposableTarget(SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, KpatchScript.Testing.Fakes.FixedTimeProvider.Default, (_, _) => target, IsInteractive: false)
        {
            ConfigPath = "/nonexistent/kpatch-script/config.json",
        };

        var exitCode = CliApp.Run(["status", "--json"], environment);

        Assert.Equal((0, ""), (exitCode, stderr.ToString()));
        Assert.True(target.Disposed);
    }

    private sealed class DisposableTarget(string root) : KpatchScript.Host.IHostSystem, IDisposable
    {
        private readonly KpatchScript.Targets.SysrootHostSystem _inner = new(root);

        public bool Disposed { get; private set; }

        public string Name => _inner.Name;

        public bool IsReadOnly => true;

        public KpatchScript.Host.EntryKind GetEntryKind(string path) => _inner.GetEntryKind(path);

        public string ReadFile(string path) => _inner.ReadFile(path);

        public IReadOnlyList<KpatchScript.Host.DirectoryEntry> ListDirectory(string path) => _inner.ListDirectory(path);

        public void WriteFile(string path, string content) => _inner.WriteFile(path, content);

        public KpatchScript.Host.CommandResult Run(KpatchScript.Host.CommandSpec command, CancellationToken cancellationToken = default) => _inner.Run(command, cancellationToken);

        public void AppendLine(string path, string line) => _inner.AppendLine(path, line);

        public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default) => _inner.Lock(path, holder, wait, cancellationToken);

        public void Dispose() => Disposed = true;
    }
}
