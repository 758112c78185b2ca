using System.Text.Json;
using KpatchScript.Cli;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;

namespace KpatchScript.Lab.Tests;

/// <summary>
/// One booted lab guest as the product sees it: the facade over the ssh target, and the CLI
/// in-process with a configuration file naming the lab's key, known_hosts, a transition
/// timeout and a state directory of its own (lock and journal stay out of the machine's /run and /var/log).
/// The guest is a busybox initramfs running Debian's kernel: it has no rpm, so it says so in the
/// configuration the way such a site would (verdict.downgrade: its unknown packages and reboot
/// advice are notes), and its support window is set long, so the verdicts do not depend on the day.
/// The lab's modules are its own builds (unsigned, and lab_cmdline signed with a key the guest does
/// not trust): a session accepts them as such a site would (check-warned:module-signature is a note),
/// unless <c>acceptOwnBuilds</c> is false, as in the scenario that shows the signature reason.
/// </summary>
internal sealed class LabSession : IDisposable
{
    public LabSession(TimeSpan transitionTimeout, bool acceptOwnBuilds = true)
    {
        Lab = new KernelLab();
        State = Directory.CreateTempSubdirectory("kps-lab-state-").FullName;
        Plugins.AddFirstParty("Prometheus");
        Textfiles = Directory.CreateDirectory(Path.Combine(State, "textfile")).FullName;
        Settings = new KpatchSettings
        {
            SshIdentityFile = Lab.IdentityFile,
            SshKnownHostsFile = Lab.KnownHostsFile,
            StateDirectory = State,
            TransitionThreshold = transitionTimeout,
        };
        ConfigPath = Path.Combine(State, "config.json");
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ssh_identity_file"] = Lab.IdentityFile,
            ["ssh_known_hosts_file"] = Lab.KnownHostsFile,
            ["state_directory"] = State,
            ["transition_timeout_seconds"] = (int)transitionTimeout.TotalSeconds,
            ["support_window_days"] = 3650,
            ["verdict"] = new Dictionary<string, object> { ["downgrade"] = Downgrades(acceptOwnBuilds) },
            ["plugins"] = new Dictionary<string, object> { ["Prometheus"] = new Dictionary<string, string> { ["directory"] = Textfiles } },
        }));
        Host = (SshHostSystem)HostSystems.Open(Lab.TargetUri, Settings);
        Facade = new KpatchFacade(Host, TimeProvider.System, Settings);
    }

    public KernelLab Lab { get; }

    private static Dictionary<string, string> Downgrades(bool acceptOwnBuilds)
    {
        var downgrades = new Dictionary<string, string> { ["unknown-packages"] = "note", ["unknown-reboot"] = "note" };
        if (acceptOwnBuilds)
        {
            downgrades["check-warned:module-signature"] = "note";
        }

        return downgrades;
    }

    public string State { get; }

    public KpatchSettings Settings { get; }

    public string ConfigPath { get; }

    public SshHostSystem Host { get; }

    public KpatchFacade Facade { get; }

    public string Target => Lab.TargetUri;

    public sealed record Outcome(int ExitCode, string Out, string Error);

    /// <summary>kpatch-script in-process against the guest (--target is added).</summary>
    public Outcome Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, TimeProvider.System, HostSystems.Open, IsInteractive: false) { ConfigPath = ConfigPath };
        var exitCode = CliApp.Run([.. args, "--target", Target], environment);
        return new Outcome(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The Prometheus plugin, copied into a plugin directory of this session's.</summary>
    private TestPlugins Plugins { get; } = new();

    /// <summary>Where the Prometheus plugin writes kpatch.prom.</summary>
    private string Textfiles { get; }

    /// <summary>
    /// The verdict state of status, verify, report and alerts --dry-run (JSON), of the Prometheus
    /// textfile an alerts run writes (<c>kpatch_verdict{state="..."} 1</c>, spaces as '_'), and verify --nagios's exit code.
    /// </summary>
    public (IReadOnlyList<string> States, int NagiosExitCode) VerdictEverywhere()
    {
        string State(params string[] args) =>
            JsonDocument.Parse(Cli(args).Out).RootElement.GetProperty("verdict").GetProperty("state").GetString()!;

        List<string> states = [State("status", "--json"), State("verify", "--json"), State("report", "--format", "json"), State("alerts", "--json", "--dry-run")];
        var alerts = Cli("alerts", "--json", "--plugins", Plugins.Directory);
        Assert.True(alerts.ExitCode == 0, alerts.Error);
        var textfile = File.ReadAllLines(Path.Combine(Textfiles, "kpatch.prom"));
        states.Add(Assert.Single(textfile, l => l.StartsWith("kpatch_verdict{", StringComparison.Ordinal) && l.EndsWith("} 1", StringComparison.Ordinal))
            .Split('"')[1].Replace('_', ' '));
        return (states, Cli("verify", "--nagios").ExitCode);
    }

    /// <summary>What the kernel shows, read directly in the guest (not through the product).</summary>
    public string Cmdline => Lab.GuestRun("cat", "/proc/cmdline");

    public bool PatchDirectoryExists(string patch) => Lab.Guest("test", "-d", $"/sys/kernel/livepatch/{patch}").Succeeded;

    public bool ModuleLoaded(string module) => Lab.GuestRun("cat", "/proc/modules").Split('\n').Any(l => l.StartsWith(module + " ", StringComparison.Ordinal));

    public void Dispose()
    {
        Host.Dispose();
        Lab.Dispose();
        Plugins.Dispose();
        Directory.Delete(State, recursive: true);
    }
}
