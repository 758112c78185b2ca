using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Settings;
using KpatchScript.Modules;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script info MODULE</c>: what <c>kpatch info</c> shows of a patch module, and what the kernel says of it.</summary>
internal sealed class InfoCommand : ICliCommand
{
    public string Name => InfoSettings.Verb;

    public string Summary => "Show a patch module: its modinfo, signature, and what the running kernel says of it";

    public OptionTable Options => InfoSettings.Table;

    public string Help => HelpText.Of(Options, """
        What 'kpatch info MODULE' prints (the module's modinfo: version, description, vermagic,
        srcversion, license ...), and what the running kernel says of it: whether it is installed
        for the running kernel and loaded, its patch state, the objects and functions it patches,
        its taint letters (O out of tree, E unsigned or untrusted, K live patch), and its signature:
        signer, key and hash (from the target's kmod modinfo), and whether the kernel trusted it
        (a module the kernel loaded with taint E is unsigned or signed by a key it does not trust;
        'verify' warns about it as check module-signature).

        MODULE is a module name, looked up like kpatch does in /var/lib/kpatch/<release> and
        /usr/lib/kpatch/<release> for the running kernel (file name or module name), or a loaded
        module's name, or the absolute path of a .ko file on the target. Reads only.
        """, """
        Exit codes: 0 shown, 1 the module cannot be found or read (one line on stderr), 2 wrong command line.
        """);

    public static InfoSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        InfoSettings.Table.Read(arguments, reader => InfoSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        var module = facade.InfoAsync(settings.Module, cancellationToken).GetAwaiter().GetResult();
        if (settings.Json)
        {
            environment.Out.WriteLine(module.IsKnown ? ModuleDetailsJson.Write(module.Value!) : ModuleDetailsJson.WriteUnknown(settings.Module, module));
        }

        if (!module.IsKnown)
        {
            environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(module.UnknownReason)}");
            return ExitCodes.Failure;
        }

        if (!settings.Json)
        {
            Write(environment.Out, module.Value!);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The text form: the module as kpatch info heads it, then the kernel's word, then the modinfo fields. Every value through SafeText: a module's strings are not ours.</summary>
    private static void Write(TextWriter output, PatchModuleDetails module)
    {
        void Line(string key, string? value) => output.WriteLine($"{key + ":",-14}{SafeText.Of(value ?? "-")}");
        output.WriteLine($"Patch information for {SafeText.Of(module.Query)}:");
        Line("name", module.Name);
        Line("file", module.Path is null ? "none (loaded, not installed for the running kernel)" : module.Path + (module.Installed ? " (installed for the running kernel)" : ""));
        Line("built for", module.KernelRelease);
        Line("signature", $"{ModuleDetailsJson.StateWord(module.Signature.State)}: {module.Signature.Explanation}");
        if (module.Signature.Signer is not null)
        {
            Line("signer", module.Signature.Signer);
            Line("sig_key", module.Signature.KeyId);
            Line("sig_hashalgo", module.Signature.HashAlgorithm);
        }

        Line("loaded", module.Loaded ? $"yes{(module.Taint is { Length: > 0 } taint ? $", taint {taint}" : "")}" : "no");
        if (module.Patch is { } patch)
        {
            Line("patch", patch.State);
            foreach (var patchObject in patch.Objects.GetValueOrDefault([])!)
            {
                var functions = string.Join(", ", patchObject.Functions.Select(f => f.Sympos.IsKnown ? $"{f.Name},{f.Sympos.Value}" : f.Name));
                var patched = patchObject.Patched is { IsKnown: true } p ? (p.Value ? " (patched)" : " (not patched)") : "";
                Line("object", $"{patchObject.Name}{patched}: {functions}");
            }

            if (!patch.Objects.IsKnown)
            {
                Line("objects", $"unknown: {patch.Objects.UnknownReason}");
            }
        }

        if (module.Fields.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("modinfo:");
            foreach (var field in module.Fields)
            {
                Line(field.Key, field.Value);
            }
        }
    }
}
