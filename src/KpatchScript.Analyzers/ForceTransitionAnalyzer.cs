using System.Collections.Immutable;
using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1003: a script writes a patch's sysfs <c>force</c> file. Forcing a transition marks tasks
/// patched that may still run old code; the kernel taints itself and the module can never be
/// removed. The facade instead names the tasks a stalled transition waits for.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForceTransitionAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "KPS1003";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        "Do not force a live-patch transition",
        "Do not write '{0}': forcing a transition can leave tasks running unpatched code and pins the module; let LoadAsync report the stalled tasks and release them",
        RuleInfo.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Writing /sys/kernel/livepatch/<patch>/force ends a transition without the consistency model; the module can then never be removed.",
        helpLinkUri: RuleInfo.HelpBase + Id + ".md");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        FileWrites.Register(context, static (c, path) =>
        {
            if (FileWrites.IsForcePath(path))
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation(), LivePatchStateWriteAnalyzer.Shown(path)));
            }
        });
    }
}
