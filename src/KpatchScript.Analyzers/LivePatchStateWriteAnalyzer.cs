using System.Collections.Immutable;
using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1002: a script writes live-patch state with file APIs. Writing sysfs `enabled`, dropping
/// modules in /var/lib/kpatch or editing the dnf plugin's config bypasses the lock, the journal,
/// the module checks and --dry-run.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LivePatchStateWriteAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "KPS1002";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        "Do not write live-patch state with file APIs",
        "Do not write '{0}' directly: use the facade (LoadAsync, UnloadAsync, InstallAsync, SetAutoUpdateAsync), which locks, journals and honours --dry-run",
        RuleInfo.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Paths under /sys/kernel/livepatch/, /var/lib/kpatch/ and /usr/lib/kpatch/, and /etc/dnf/plugins/kpatch.conf, change only through the facade.",
        helpLinkUri: RuleInfo.HelpBase + Id + ".md");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        FileWrites.Register(context, static (c, path) =>
        {
            // A force file is KPS1003's: one diagnostic per write, the more specific one.
            if (FileWrites.IsStatePath(path) && !FileWrites.IsForcePath(path))
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation(), Shown(path)));
            }
        });
    }

    // "/sys/kernel/livepatch/…/enabled" for a path built from parts.
    internal static string Shown(KnownText path) => path.IsComplete ? path.Prefix : path.Prefix + "…" + path.Suffix;
}
