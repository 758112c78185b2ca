using System.Text.Json;
using System.Text.RegularExpressions;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests.Verdicts;

/// <summary>
/// Every surface that shows the verdict, run against one target: <c>status --json</c>,
/// <c>verify --json</c>, <c>verify --nagios</c> (its exit code), <c>report --format json</c>,
/// <c>alerts --json --dry-run</c>, and the Prometheus textfile an <c>alerts</c> run writes through the
/// real Prometheus plugin. The runner is in-process or a real process; the answers must agree.
/// </summary>
internal sealed partial class VerdictSurfaces : IDisposable
{
    /// <summary>Runs kpatch-script with a configuration file: exit code, stdout, stderr.</summary>
    public delegate (int ExitCode, string Out, string Error) Runner(string config, string[] arguments);

    private readonly TestPlugins _plugins = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-verdict-").FullName;

    public VerdictSurfaces(string extraConfig = "")
    {
        _plugins.AddFirstParty("Prometheus");
        Textfiles = Directory.CreateDirectory(Path.Combine(_directory, "textfile")).FullName;
        Config = Path.Combine(_directory, "config.json");
        File.WriteAllText(Config, $$"""{ "state_directory": "{{_directory}}", "plugins": { "Prometheus": { "directory": "{{Textfiles}}" } }{{extraConfig}} }""");
    }

    public string Config { get; }

    private string Textfiles { get; }

    public void Dispose()
    {
        _plugins.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What one surface said: the state word, the reason codes, and the exit code where it is the verdict's.</summary>
    public sealed record Answer(string Surface, string State, IReadOnlyList<string> Codes);

    /// <summary>Each surface's answer for <paramref name="target"/>, and verify --nagios's exit code.</summary>
    public (IReadOnlyList<Answer> Answers, int NagiosExitCode, string NagiosLine) Ask(Runner run, string target)
    {
        var answers = new List<Answer>
        {
            FromJson("status --json", Succeeded(run(Config, ["status", "--json", "--target", target]), 0).GetProperty("verdict")),
            FromJson("verify --json", Succeeded(run(Config, ["verify", "--json", "--target", target]), 0, 1, 2).GetProperty("verdict")),
            FromJson("report --format json", Succeeded(run(Config, ["report", "--format", "json", "--target", target]), 0).GetProperty("verdict")),
            FromJson("alerts --json --dry-run", Succeeded(run(Config, ["alerts", "--json", "--dry-run", "--target", target]), 0).GetProperty("verdict")),
        };

        // A real alerts run (no dry run) delivers to the Prometheus plugin, which rewrites its textfile.
        var alerts = run(Config, ["alerts", "--json", "--target", target, "--plugins", _plugins.Directory]);
        Assert.True(alerts.ExitCode == 0, $"alerts exited {alerts.ExitCode}: {alerts.Error}");
        answers.Add(FromTextfile(File.ReadAllText(Path.Combine(Textfiles, "kpatch.prom"))));

        var nagios = run(Config, ["verify", "--nagios", "--target", target]);
        Assert.Equal("", nagios.Error);
        return (answers, nagios.ExitCode, nagios.Out);
    }

    private static JsonElement Succeeded((int ExitCode, string Out, string Error) outcome, params int[] exitCodes)
    {
        Assert.True(exitCodes.Contains(outcome.ExitCode), $"exited {outcome.ExitCode}: {outcome.Error}");
        Assert.Equal("", outcome.Error);
        return JsonDocument.Parse(outcome.Out).RootElement.Clone();
    }

    private static Answer FromJson(string surface, JsonElement verdict)
    {
        Assert.Empty(JsonSchemaFile.Verdict.Errors(verdict.GetRawText()));
        return new(surface, verdict.GetProperty("state").GetString()!, [.. verdict.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)]);
    }

    /// <summary><c>kpatch_verdict{state="not_covered"} 1</c> and one <c>kpatch_verdict_reason{code=...}</c> per reason.</summary>
    private static Answer FromTextfile(string text)
    {
        var states = StateSample().Matches(text).Where(m => m.Groups["value"].Value == "1").Select(m => m.Groups["state"].Value.Replace('_', ' ')).ToList();
        var codes = ReasonSample().Matches(text).Select(m => m.Groups["code"].Value.Replace("\\\\", "\\", StringComparison.Ordinal)).ToList();
        return new("Prometheus textfile", Assert.Single(states), codes);
    }

    [GeneratedRegex("""^kpatch_verdict\{state="(?<state>[a-z_]+)"\} (?<value>[01])$""", RegexOptions.Multiline)]
    private static partial Regex StateSample();

    [GeneratedRegex("""^kpatch_verdict_reason\{code="(?<code>[^"]+)",level="[a-z_]+"\} 1$""", RegexOptions.Multiline)]
    private static partial Regex ReasonSample();

    /// <summary>verify's exit code for each state (Nagios: OK, WARNING, CRITICAL).</summary>
    public static int NagiosCode(string state) => state switch
    {
        "covered" => 0,
        "action needed" => 1,
        "not covered" => 2,
        _ => throw new ArgumentException($"not a verdict state: {state}", nameof(state)),
    };
}
