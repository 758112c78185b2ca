using System.Text.Json;
using KpatchScript.Host;

namespace KpatchScript.TestFixtures;

/// <summary>
/// The collection as a user gets it: built by Debian's ansible-galaxy from src/ansible into a
/// tarball, installed from that tarball into a collections directory of its own, and its
/// playbooks run by name (kpatchscript.livepatch.status) with ansible-playbook. Missing,
/// ansible-core fails the test saying what to install. Used by tests/KpatchScript.Ansible.Tests and
/// the benchmarks (the status playbook over 200 hosts).
/// </summary>
public sealed class AnsiblePlaybooks : IDisposable
{
    private static readonly TimeSpan PlaybookLimit = TimeSpan.FromMinutes(10);

    /// <summary>The collection, its playbooks running the CLI built next to the tests (an xunit class fixture: one public constructor).</summary>
    public AnsiblePlaybooks()
        : this(null)
    {
    }

    private AnsiblePlaybooks(string? cliDll)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kps-ansible-").FullName;
        var built = Path.Combine(Directory, "built");
        Ansible("ansible-galaxy", "collection", "build", RepositoryPaths.Combine("src", "ansible"), "--output-path", built);
        Tarball = System.IO.Directory.GetFiles(built, "kpatchscript-livepatch-*.tar.gz").Single();
        Ansible("ansible-galaxy", "collection", "install", Tarball, "-p", Path.Combine(Directory, "collections"));
        // The hosts run the CLI through the wrapper the RPM's /usr/bin/kpatch-script is.
        Command = Path.Combine(KpatchScriptOnPath.Create(Directory, cliDll), "kpatch-script");
    }

    /// <summary>The collection, its playbooks running <paramref name="cliDll"/> (the benchmarks' published CLI).</summary>
    public static AnsiblePlaybooks Running(string cliDll) => new(cliDll);

    /// <summary>The test's own directory: collections, the CLI wrapper, and each run's files.</summary>
    public string Directory { get; }

    /// <summary>The built collection, kpatchscript-livepatch-VERSION.tar.gz.</summary>
    public string Tarball { get; }

    /// <summary>The kpatch-script the hosts and the controller run.</summary>
    public string Command { get; }

    /// <summary>
    /// Runs a playbook of the collection by name with an inventory (written as JSON, which Ansible's
    /// YAML inventory reads) and extra variables, in <paramref name="workingDirectory"/>.
    /// </summary>
    public CommandResult Play(string playbook, object inventory, object variables, string workingDirectory, params string[] options)
    {
        var inventoryFile = Path.Combine(workingDirectory, "inventory.json");
        var variablesFile = Path.Combine(workingDirectory, "variables.json");
        File.WriteAllText(inventoryFile, JsonSerializer.Serialize(inventory));
        File.WriteAllText(variablesFile, JsonSerializer.Serialize(variables));
        return Ansible(["ansible-playbook", "-i", inventoryFile, "-e", "@" + variablesFile, .. options, "kpatchscript.livepatch." + playbook], workingDirectory, check: false);
    }

    /// <summary>Extra variables for a run: the CLI wrapper as kpatch_script_command, then <paramref name="more"/>.</summary>
    public Dictionary<string, object> Variables(Dictionary<string, object>? more = null)
    {
        var variables = new Dictionary<string, object> { ["kpatch_script_command"] = new[] { Command } };
        foreach (var (name, value) in more ?? [])
        {
            variables[name] = value;
        }

        return variables;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private CommandResult Ansible(params string[] arguments) => Ansible(arguments, Directory, check: true);

    private CommandResult Ansible(string[] arguments, string workingDirectory, bool check)
    {
        var environment = new Dictionary<string, string>
        {
            ["ANSIBLE_COLLECTIONS_PATH"] = Path.Combine(Directory, "collections"),
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Directory, "tmp"),
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
            ["ANSIBLE_FORCE_COLOR"] = "0",
            // Ansible's ssh multiplexing sockets live under a short path of this run (a socket path may not exceed 108 bytes).
            ["ANSIBLE_SSH_CONTROL_PATH_DIR"] = Path.Combine(Directory, "cp"),
            ["PWD"] = workingDirectory,
        };
        CommandResult result;
        try
        {
            result = ProcessHelper.ExecuteAsync(arguments, workingDirectory, environment, null, PlaybookLimit).GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{arguments[0]} is not installed: tests/run installs Debian's ansible-core (apt-get install --no-install-recommends ansible-core)", ex);
        }

        return !check || result.Succeeded
            ? result
            : throw new InvalidOperationException($"{string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
    }
}
