using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers.Support;

/// <summary>Name checks on symbols, by full name: the rules run where the BCL types are metadata only.</summary>
internal static class Symbols
{
    /// <summary>True when <paramref name="type"/> is <paramref name="ns"/>.<paramref name="name"/> (generic arity ignored).</summary>
    public static bool Is(ITypeSymbol? type, string ns, string name) =>
        type is not null
        && type.Name == name
        && type.ContainingNamespace?.ToDisplayString() == ns;

    /// <summary>The argument passed for the parameter named <paramref name="name"/>, by name so named and reordered arguments count.</summary>
    public static IArgumentOperation? Argument(ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }
}
