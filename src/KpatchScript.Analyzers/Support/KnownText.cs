using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers.Support;

/// <summary>
/// What is known of a string at compile time: its leading and trailing text. A constant is known
/// whole; <c>$"/sys/kernel/livepatch/{name}/force"</c>, <c>"/var/lib/kpatch/" + name</c> and
/// <c>Path.Combine("/sys/kernel/livepatch", name, "force")</c> are known at both ends, which is
/// what the path rules need: scripts build paths from names far more often than they write them out.
/// </summary>
internal readonly struct KnownText
{
    private KnownText(string prefix, string suffix, bool isComplete)
    {
        Prefix = prefix;
        Suffix = suffix;
        IsComplete = isComplete;
    }

    /// <summary>The text up to the first part unknown at compile time.</summary>
    public string Prefix { get; }

    /// <summary>The text after the last part unknown at compile time.</summary>
    public string Suffix { get; }

    /// <summary>True when the whole string is known (then it equals <see cref="Prefix"/>).</summary>
    public bool IsComplete { get; }

    private static KnownText Whole(string text) => new(text, text, isComplete: true);

    private static readonly KnownText s_unknown = new(string.Empty, string.Empty, isComplete: false);

    /// <summary>What is known of the string <paramref name="operation"/> evaluates to.</summary>
    public static KnownText Of(IOperation? operation)
    {
        operation = Unwrap(operation);
        if (operation is null)
        {
            return s_unknown;
        }

        // The semantic model folds constants, so `const string dir = "/var/lib/kpatch/"` counts.
        if (operation.ConstantValue.HasValue)
        {
            return operation.ConstantValue.Value is string text ? Whole(text) : s_unknown;
        }

        return operation switch
        {
            IInterpolatedStringOperation interpolated => OfInterpolation(interpolated),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => Concat(Of(binary.LeftOperand), Of(binary.RightOperand)),
            IInvocationOperation invocation when IsPathJoin(invocation) => OfPathJoin(invocation),
            _ => s_unknown,
        };
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IArgumentOperation argument:
                    operation = argument.Value;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static KnownText Concat(KnownText left, KnownText right)
    {
        var prefix = left.IsComplete ? left.Prefix + right.Prefix : left.Prefix;
        var suffix = right.IsComplete ? left.Suffix + right.Suffix : right.Suffix;
        return new KnownText(prefix, suffix, left.IsComplete && right.IsComplete);
    }

    private static KnownText OfInterpolation(IInterpolatedStringOperation interpolated)
    {
        var result = Whole(string.Empty);
        foreach (var part in interpolated.Parts)
        {
            result = Concat(result, part is IInterpolatedStringTextOperation text ? Of(text.Text) : OfHole(part));
        }

        return result;
    }

    // A hole holding a constant (`{Dir}` with `const string Dir`) is known text too.
    private static KnownText OfHole(IInterpolatedStringContentOperation part) =>
        part is IInterpolationOperation { Alignment: null, FormatString: null } hole ? Of(hole.Expression) : s_unknown;

    private static bool IsPathJoin(IInvocationOperation invocation) =>
        invocation.TargetMethod is { Name: "Combine" or "Join", ContainingType: { Name: "Path" } type }
        && type.ContainingNamespace?.ToDisplayString() == "System.IO"
        && invocation.TargetMethod.Parameters.Length > 0
        && invocation.TargetMethod.Parameters.All(p => p.Type.SpecialType == SpecialType.System_String
            || p.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String });

    // Path.Combine joins with '/' on Linux unless the left part already ends with one.
    private static KnownText OfPathJoin(IInvocationOperation invocation)
    {
        var parts = invocation.Arguments
            .SelectMany(a => a.Value is IArrayCreationOperation { Initializer: { } init } ? (IEnumerable<IOperation>)init.ElementValues : [a.Value])
            .Select(Of)
            .ToList();
        var result = Whole(string.Empty);
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0 && !(result.IsComplete && result.Suffix.EndsWith("/", StringComparison.Ordinal)))
            {
                result = Concat(result, Whole("/"));
            }

            result = Concat(result, parts[i]);
        }

        return result;
    }
}
