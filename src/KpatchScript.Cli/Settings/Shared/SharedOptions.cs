using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>
/// Options that several verbs take, declared once; a verb whose meaning differs says so with
/// <see cref="Option.WithHelp"/>. Literals only: the facade's assembly must not load to read a
/// command line (a cached <c>run</c> never connects to a target).
/// </summary>
internal static class SharedOptions
{
    /// <summary>Read by <see cref="CliApp"/> for every verb, before the verb's own reader.</summary>
    public const string VerboseName = "--verbose";

    public static readonly Option Verbose = new(VerboseName, null, "Show the full error when something fails") { Global = true };

    public static readonly Option Json = new("--json", null, "Print the result as JSON");

    public static readonly Option DryRun = new("--dry-run", null, "Print the steps, change nothing");

    /// <summary>The verbs that change a host: each line of dnf and of the transition wait as it comes (OperationView.WithProgress).</summary>
    public static readonly Option Progress = new("--progress", null, "Print each line of progress as it comes, also in a pipe: on stderr;\nwith --json as {\"progress\":\"LINE\"} lines on stdout before the result");

    public static readonly Option Target = new("--target", "TARGET", "local (default; or the configured target), sysroot:DIR or ssh://USER@HOST[:PORT]");

    public static readonly Option CheckUpdates = new("--check-updates", null, "Also ask dnf for newer live patches and whether the running kernel gets live patches at all (slower)");

    public static readonly Option Plugins = new("--plugins", "DIR", "A plugin directory (<Name>/<Name>.dll inside), searched before the configured ones", Repeatable: true);

    public static readonly Option Templates = new("--templates", "DIR", "Look for templates in DIR first");

    public static readonly Option Source = new("--source", "DIR|URL", "A NuGet source for #r \"nuget: ...\" (folder feed or v3 URL), tried first", Repeatable: true);

    public static readonly Option InstallRoot = new("--installroot", "DIR", "Act on the packages installed under DIR (dnf --installroot; default: the\nconfigured install_root); a DIR with proc/sys/kernel/osrelease names\nthe kernel release too");
}
