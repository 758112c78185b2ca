using KpatchScript.Serialization;
using KpatchScript.Status;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KpatchScript.Cli.Output;

/// <summary>
/// The human form of <c>status</c>: a summary grid, then tables for patches, modules and packages.
/// Every host string goes in as plain <see cref="Text"/> through <see cref="SafeText"/>, never as
/// markup: a patch named <c>kpatch_[red]x</c> is a name, not a style, and an ESC in a host name is shown, not sent.
/// </summary>
internal static class StatusView
{
    public static void Write(HostStatus status, TextWriter writer, bool interactive)
    {
        // Rendered into a buffer first: Spectre pads grid rows to the console width, and piped
        // output (mail, logs, diffs) should not carry that trailing whitespace.
        using var buffer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 160;
        }

        console.Write(Summary(status));
        WritePatches(console, status.Livepatch);
        WriteModules(console, status.Kpatch.Modules);
        WritePackages(console, status.Packages);
        foreach (var line in buffer.ToString().Split('\n'))
        {
            writer.WriteLine(line.TrimEnd());
        }
    }

    private static Grid Summary(HostStatus status)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string label, IRenderable value) => grid.AddRow(new Markup($"[bold]{label}[/]"), value);

        var host = status.Host;
        Row("Host", Text(Show(host.Hostname) + "  " + Show(host.Os, o => o.PrettyName) + "  " + Show(host.Architecture)));
        Row("Target", Text(status.Target));
        Row("Running kernel", Text(Show(status.Kernel.Running)));
        var installed = status.Kernel.Installed;
        Row("Newest installed", installed.IsKnown
            ? Text(Show(status.Kernel.Newest) + $"  ({installed.Value!.Count} installed, from {string.Join("/", installed.Value.Select(i => i.Source).Distinct())})")
            : Unknown(installed.UnknownReason!));
        Row("Reboot", Reboot(status.Kernel.Reboot));
        Row("Eligible", Text(Show(status.Kernel.Eligibility, e => e.Eligible
            ? $"yes: live patches since {e.FirstPackageBuilt} ({e.Packages[0]})"
            : $"no, this kernel gets no live patches: {e.Remedy}")));
        Row("Live patches until", Text(Show(status.Kernel.SupportWindow, w =>
            $"{w.Ends} ({(w.DaysLeft >= 0 ? $"{w.DaysLeft} days left" : $"ended {-w.DaysLeft} days ago")}; {(w.Estimate ? "estimate: " : "")}{w.Basis})")));
        var livepatch = status.Livepatch;
        Row("Livepatch", livepatch.Support.IsKnown
            ? new Markup((livepatch.Support.Value!.Supported ? "[green]supported[/]" : "[yellow]not supported[/]") + ": " + Escape(livepatch.Support.Value.Reason))
            : Unknown(livepatch.Support.UnknownReason!));
        Row("Live patched since boot", Text(Show(livepatch.TaintLivepatch, k => k ? "yes (taint K)" : "no") + Show(livepatch.Tainted, t => $"  (tainted={t})")));
        var kpatch = status.Kpatch;
        Row("kpatch CLI", Text(Show(kpatch.Cli, c => c.Installed ? $"{Show(c.Version)} at {c.Path}" : "not installed")));
        Row("kpatch.service", Text(Show(kpatch.Service, s => s.State)));
        Row("kpatch-dnf", Text(Show(kpatch.Dnf, d => d.Installed ? "installed, auto-update " + Show(d.AutoUpdate, a => a ? "on" : "off") : "not installed")));
        var coverage = status.Coverage;
        Row("CVEs fixed live now", Text(Show(coverage.FixedLiveNow, c => c.Count == 0 ? "none" : string.Join(", ", c))));
        if (coverage.InstalledNotLive is { IsKnown: true, Value.Count: > 0 })
        {
            Row("Installed, not live", Text(string.Join(", ", coverage.InstalledNotLive.Value) + "  (package installed, its module is not loaded)"));
        }

        Row("Updates would add", Text(Show(coverage.Updates, u => u.Count == 0
            ? "nothing: no newer live patch is available"
            : string.Join("; ", u.Select(a => $"{a.Name}-{a.EpochVersionRelease}: {(a.NewCves.Count == 0 ? "no new CVE" : string.Join(", ", a.NewCves))}")))));
        if (livepatch.InactiveModules is { IsKnown: true, Value.Count: > 0 })
        {
            Row("Inactive modules", Text(string.Join(", ", livepatch.InactiveModules.Value.Select(m => $"{m.Name} (refcount {Show(m.ReferenceCount)})")) + "  loaded, but disabled or replaced"));
        }

        if (livepatch.TransitionTasks is { IsKnown: true, Value.Count: > 0 })
        {
            Row("Transition waits for", Text(string.Join(", ", livepatch.TransitionTasks.Value.Select(t => $"{Show(t.Command)} (pid {t.Pid}, tid {t.Tid})"))));
        }
        else if (!livepatch.TransitionTasks.IsKnown)
        {
            Row("Transition waits for", Unknown(livepatch.TransitionTasks.UnknownReason!));
        }

        return grid;
    }

    private static Markup Reboot(Reading<RebootAdvice> reboot)
    {
        if (!reboot.IsKnown)
        {
            return Unknown(reboot.UnknownReason!);
        }

        var (word, colour) = reboot.Value!.Advice switch
        {
            RebootNeed.No => ("no", "green"),
            RebootNeed.Yes => ("yes", "red"),
            _ => ("yes, but live patched", "yellow"),
        };
        return new Markup($"[{colour}]{word}[/]: {Escape(reboot.Value.Reason)}");
    }

    private static void WritePatches(IAnsiConsole console, LivepatchStatus livepatch)
    {
        if (livepatch.Patches is { IsKnown: true, Value.Count: 0 })
        {
            return;
        }

        console.WriteLine();
        if (!livepatch.Patches.IsKnown)
        {
            console.Write(Unknown("patches: " + livepatch.Patches.UnknownReason));
            console.WriteLine();
            return;
        }

        var table = new Table().Title("Live patches (/sys/kernel/livepatch)").AddColumns("Patch", "State", "Replace", "Stack", "Object", "Patched", "Functions");
        foreach (var patch in livepatch.Patches.Value!)
        {
            var first = true;
            var objects = patch.Objects.IsKnown ? patch.Objects.Value! : [];
            foreach (var obj in objects.DefaultIfEmpty())
            {
                AddRow(table,
                    first ? patch.Name : "",
                    first ? patch.State : "",
                    first ? Optional(patch.Replace, r => r ? "yes" : "no") : "",
                    first ? Optional(patch.StackOrder, s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "",
                    obj?.Name ?? Show(patch.Objects, _ => "-"),
                    obj is null ? "" : Optional(obj.Patched, p => p ? "yes" : "no"),
                    obj is null ? "" : string.Join(", ", obj.Functions.Select(f => f.Name + "," + Show(f.Sympos))));
                first = false;
            }
        }

        console.Write(table);
    }

    private static void WriteModules(IAnsiConsole console, Reading<IReadOnlyList<PatchModuleFile>> modules)
    {
        if (modules is { IsKnown: true, Value.Count: 0 })
        {
            return;
        }

        console.WriteLine();
        if (!modules.IsKnown)
        {
            console.Write(Unknown("installed patch modules: " + modules.UnknownReason));
            console.WriteLine();
            return;
        }

        var table = new Table().Title("Installed patch modules").AddColumns("Kernel", "Module", "Loaded", "File");
        foreach (var module in modules.Value!)
        {
            AddRow(table,
                module.KernelRelease + (module.ForRunningKernel ? " (running)" : ""),
                module.ModuleName,
                module.Loaded switch { true => "yes", false => "no", null => "-" },
                module.Path);
        }

        console.Write(table);
    }

    private static void WritePackages(IAnsiConsole console, Reading<IReadOnlyList<KpatchPatchPackage>> packages)
    {
        console.WriteLine();
        if (!packages.IsKnown)
        {
            console.Write(Unknown("kpatch-patch packages: " + packages.UnknownReason));
            console.WriteLine();
            return;
        }

        if (packages.Value!.Count == 0)
        {
            console.WriteLine("No kpatch-patch packages installed.");
            return;
        }

        var table = new Table().Title("kpatch-patch packages").AddColumns("Package", "Version", "Kernel", "CVEs fixed");
        foreach (var package in packages.Value)
        {
            AddRow(table,
                package.Name,
                package.EpochVersionRelease,
                Show(package.KernelRelease) + (package.ForRunningKernel ? " (running)" : ""),
                string.Join(", ", package.Cves));
        }

        console.Write(table);
    }

    private static string Optional<T>(Reading<T>? reading, Func<T, string> show) => reading is null ? "-" : Show(reading, show);

    private static string Show<T>(Reading<T> reading, Func<T, string> show) => reading.IsKnown ? show(reading.Value!) : $"unknown ({reading.UnknownReason})";

    private static string Show<T>(Reading<T> reading) => Show(reading, v => v?.ToString() ?? "");

    private static Text Text(string text) => new(SafeText.Of(text));

    /// <summary>Cells as text, not markup (Table.AddRow(string) would parse each as markup).</summary>
    private static void AddRow(Table table, params string[] cells)
    {
        var row = new IRenderable[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            row[i] = Text(cells[i]);
        }

        table.AddRow(row);
    }

    private static string Escape(string text) => Markup.Escape(SafeText.Of(text));

    private static Markup Unknown(string reason) => new($"[yellow]unknown[/] ({Escape(reason)})");
}
