using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers;

/// <summary>
/// The two rules about writing live-patch state with file APIs, in one analyzer because they look
/// at the same writes and split them: each write gets at most one diagnostic, the more specific.
/// <list type="bullet">
/// <item>KPS1003: a patch's sysfs <c>force</c> file. Forcing a transition marks tasks patched that
/// may still run old code; the kernel taints itself and the module can never be removed. The
/// facade instead names the tasks a stalled transition waits for.</item>
/// <item>KPS1002: any other live-patch state. Writing sysfs <c>enabled</c>, dropping modules in
/// /var/lib/kpatch or editing the dnf plugin's config bypasses the lock, the journal, the module
/// checks and --dry-run.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LivePatchStateWriteAnalyzer() : KpsAnalyzer(StateRule, ForceRule)
{
    public const string StateId = "KPS1002";

    public const string ForceId = "KPS1003";

    internal static readonly DiagnosticDescriptor StateRule = RuleInfo.Rule(StateId, DiagnosticSeverity.Error,
        "Do not write live-patch state with file APIs",
        "Do not write '{0}' directly: use the facade (LoadAsync, UnloadAsync, InstallAsync, SetAutoUpdateAsync), which locks, journals and honours --dry-run",
        "Paths under /sys/kernel/livepatch/, /var/lib/kpatch/ and /usr/lib/kpatch/, and /etc/dnf/plugins/kpatch.conf, change only through the facade.");

    internal static readonly DiagnosticDescriptor ForceRule = RuleInfo.Rule(ForceId, DiagnosticSeverity.Error,
        "Do not force a live-patch transition",
        "Do not write '{0}': forcing a transition can leave tasks running unpatched code and pins the module; let LoadAsync report the stalled tasks and release them",
        "Writing /sys/kernel/livepatch/<patch>/force ends a transition without the consistency model; the module can then never be removed.");

    protected override void Register(AnalysisContext context)
    {
        FileWrites.Register(context, static (c, path) =>
        {
            var rule = FileWrites.IsForcePath(path) ? ForceRule
                : FileWrites.IsStatePath(path) ? StateRule
                : null;
            if (rule is not null)
            {
                c.ReportDiagnostic(Diagnostic.Create(rule, c.Node.GetLocation(), Shown(path)));
            }
        });
    }

    // "/sys/kernel/livepatch/…/enabled" for a path built from parts.
    private static string Shown(KnownText path) => path.IsComplete ? path.Prefix : path.Prefix + "…" + path.Suffix;
}
