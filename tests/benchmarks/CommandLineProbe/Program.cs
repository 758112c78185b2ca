using System.CommandLine;
using System.Runtime.CompilerServices;

// command-line-probe --by-hand VERB OPTIONS...: reads the line as kpatch-script's ArgumentReader does.
// command-line-probe VERB OPTIONS...: declares kpatch-script's verbs and common options with
// System.CommandLine 2.0, parses the line and runs the verb's action. Both print the same line.
// System.CommandLine is referenced only from SystemCommandLine(), so the by-hand run never loads it.
return args.Length > 0 && args[0] == "--by-hand" ? ByHand(args[1..]) : SystemCommandLine(args);

static int ByHand(string[] args)
{
    var (json, target) = (false, (string?)null);
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--json")
        {
            json = true;
        }
        else if (args[i] == "--target" && i + 1 < args.Length)
        {
            target = args[++i];
        }
    }

    Console.WriteLine($"{(args.Length > 0 ? args[0] : "")} json={json} target={target}");
    return 0;
}

[MethodImpl(MethodImplOptions.NoInlining)]
static int SystemCommandLine(string[] args)
{
    string[] verbs = ["status", "verify", "available", "install", "update", "load", "unload", "journal", "report", "alerts", "run", "eval", "check", "new", "plugins", "workflows", "version"];
    var json = new Option<bool>("--json") { Description = "Print JSON" };
    var target = new Option<string?>("--target") { Description = "local, sysroot:DIR or ssh://user@host" };
    var verbose = new Option<bool>("--verbose") { Description = "Show the full error" };
    var dryRun = new Option<bool>("--dry-run") { Description = "Change nothing" };
    var plugins = new Option<string[]>("--plugins") { Description = "Plugin directories" };
    var root = new RootCommand("kpatch-script");
    foreach (var verb in verbs)
    {
        var command = new Command(verb, $"the {verb} command") { json, target, verbose, dryRun, plugins };
        command.SetAction(result =>
        {
            Console.WriteLine($"{verb} json={result.GetValue(json)} target={result.GetValue(target)}");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    return root.Parse(args).Invoke();
}
