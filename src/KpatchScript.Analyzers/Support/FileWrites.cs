using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers.Support;

/// <summary>
/// Finds file-system calls that write, and the paths they write, for the live-patch state rules
/// (KPS1002, KPS1003). Syntax actions with the operation tree, not operation actions: those are not
/// raised for script top-level statements.
/// </summary>
internal static class FileWrites
{
    // File methods that create, change or remove the file named by the parameter(s) listed.
    private static readonly Dictionary<string, string[]> s_fileMethods = new(StringComparer.Ordinal)
    {
        ["WriteAllText"] = ["path"],
        ["WriteAllBytes"] = ["path"],
        ["WriteAllLines"] = ["path"],
        ["AppendAllText"] = ["path"],
        ["AppendAllLines"] = ["path"],
        ["AppendAllBytes"] = ["path"],
        ["Create"] = ["path"],
        ["CreateText"] = ["path"],
        ["AppendText"] = ["path"],
        ["OpenWrite"] = ["path"],
        ["Open"] = ["path"],
        ["OpenHandle"] = ["path"],
        ["Delete"] = ["path"],
        ["CreateSymbolicLink"] = ["path"],
        // Moving a file away removes it where it was: the source counts as well.
        ["Move"] = ["sourceFileName", "destFileName"],
        ["Copy"] = ["destFileName"],
        ["Replace"] = ["sourceFileName", "destinationFileName"],
    };

    private static readonly Dictionary<string, string[]> s_directoryMethods = new(StringComparer.Ordinal)
    {
        ["CreateDirectory"] = ["path"],
        ["Delete"] = ["path"],
        ["Move"] = ["sourceDirName", "destDirName"],
    };

    /// <summary>Where live-patch state lives: the kernel's sysfs interface, installed modules, kpatch's own state.</summary>
    private static readonly string[] s_statePrefixes = ["/sys/kernel/livepatch/", "/var/lib/kpatch/", "/usr/lib/kpatch/"];

    private const string DnfPluginConfig = "/etc/dnf/plugins/kpatch.conf";

    private const string SysfsRoot = "/sys/kernel/livepatch/";

    /// <summary>
    /// Registers <paramref name="report"/> for every write to a path; the rule decides which paths it
    /// owns. Invocations and both object-creation forms (<c>new FileStream(...)</c>, <c>new(...)</c>).
    /// </summary>
    public static void Register(AnalysisContext context, Action<SyntaxNodeAnalysisContext, KnownText> report)
    {
        context.RegisterSyntaxNodeAction(
            c => Analyze(c, report),
            SyntaxKind.InvocationExpression,
            SyntaxKind.ObjectCreationExpression,
            SyntaxKind.ImplicitObjectCreationExpression);
    }

    /// <summary>True for a path holding live-patch state.</summary>
    public static bool IsStatePath(KnownText path)
    {
        foreach (var prefix in s_statePrefixes)
        {
            // The directory itself ("/var/lib/kpatch") as well as anything below it.
            if (path.Prefix.StartsWith(prefix, StringComparison.Ordinal)
                || (path.IsComplete && path.Prefix == prefix.TrimEnd('/')))
            {
                return true;
            }
        }

        return path.IsComplete && path.Prefix == DnfPluginConfig;
    }

    /// <summary>True for a patch's <c>force</c> file in sysfs (KPS1003 reports these instead of KPS1002).</summary>
    public static bool IsForcePath(KnownText path) =>
        path.Prefix.StartsWith(SysfsRoot, StringComparison.Ordinal)
        && path.Suffix.EndsWith("/force", StringComparison.Ordinal);

    private static void Analyze(SyntaxNodeAnalysisContext context, Action<SyntaxNodeAnalysisContext, KnownText> report)
    {
        var operation = context.SemanticModel.GetOperation(context.Node, context.CancellationToken);
        foreach (var path in WrittenPaths(operation))
        {
            report(context, KnownText.Of(path));
        }
    }

    private static IEnumerable<IArgumentOperation> WrittenPaths(IOperation? operation)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: var method } invocation:
                var table = Symbols.Is(method.ContainingType, "System.IO", "File") ? s_fileMethods
                    : Symbols.Is(method.ContainingType, "System.IO", "Directory") ? s_directoryMethods
                    : null;
                if (table is not null && table.TryGetValue(WithoutAsync(method.Name), out var parameters) && !OpensReadOnly(invocation.Arguments))
                {
                    return Arguments(invocation.Arguments, parameters);
                }

                break;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                var type = constructor.ContainingType;
                if ((Symbols.Is(type, "System.IO", "StreamWriter") || Symbols.Is(type, "System.IO", "FileStream"))
                    && !OpensReadOnly(creation.Arguments))
                {
                    return Arguments(creation.Arguments, ["path"]);
                }

                break;
        }

        return [];
    }

    // WriteAllTextAsync writes what WriteAllText writes.
    private static string WithoutAsync(string name) =>
        name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Async".Length) : name;

    // File.Open and new FileStream open for writing unless FileAccess.Read is passed: the default
    // access with a FileMode is ReadWrite.
    private static bool OpensReadOnly(ImmutableArray<IArgumentOperation> arguments) =>
        Symbols.Argument(arguments, "access") is { Value.ConstantValue: { HasValue: true, Value: 1 } };

    private static IEnumerable<IArgumentOperation> Arguments(ImmutableArray<IArgumentOperation> arguments, string[] names)
    {
        foreach (var name in names)
        {
            if (Symbols.Argument(arguments, name) is { Parameter.Type.SpecialType: SpecialType.System_String } argument)
            {
                yield return argument;
            }
        }
    }
}
