using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers.Support;

/// <summary>
/// What an operation uses, as Microsoft's BannedApiAnalyzers (RS0030) reads it: the member it
/// calls or references (constructors, methods, user-defined operators and conversions, fields,
/// properties, events) and the type that member belongs to or that the operation names (array
/// element types, <c>typeof</c>, <c>&amp;x</c>). The same operations, so a list bans here what it
/// bans in a build.
/// </summary>
internal static class BannedUses
{
    /// <summary>The operation kinds that use something; RS0030 registers the same.</summary>
    public static readonly OperationKind[] Kinds =
    [
        OperationKind.ObjectCreation,
        OperationKind.Invocation,
        OperationKind.EventReference,
        OperationKind.FieldReference,
        OperationKind.MethodReference,
        OperationKind.PropertyReference,
        OperationKind.ArrayCreation,
        OperationKind.AddressOf,
        OperationKind.Conversion,
        OperationKind.UnaryOperator,
        OperationKind.BinaryOperator,
        OperationKind.Increment,
        OperationKind.Decrement,
        OperationKind.TypeOf,
    ];

    /// <summary>Reports each banned member or type <paramref name="operation"/> uses, at the operation.</summary>
    public static void Check(IOperation operation, BannedSymbols banned, DiagnosticDescriptor rule, Action<Diagnostic> report)
    {
        var (member, type) = Used(operation);
        if (member is not null && banned.FindMember(member) is { } byMember)
        {
            report(Diagnostic.Create(rule, operation.Syntax.GetLocation(), byMember.Display, byMember.Message));
        }

        if (banned.FindType(type) is { } byType)
        {
            report(Diagnostic.Create(rule, operation.Syntax.GetLocation(), byType.Display, byType.Message));
        }
    }

    private static (ISymbol? Member, ITypeSymbol? Type) Used(IOperation operation) => operation switch
    {
        IObjectCreationOperation creation => (creation.Constructor, creation.Type),
        IInvocationOperation invocation => (invocation.TargetMethod, invocation.TargetMethod.ContainingType),
        IMemberReferenceOperation reference => (reference.Member, reference.Member.ContainingType),
        IArrayCreationOperation array => (null, array.Type),
        IAddressOfOperation addressOf => (null, addressOf.Type),
        ITypeOfOperation typeOf => (null, typeOf.TypeOperand),
        _ => OperatorMethod(operation) is { } method ? (method, method.ContainingType) : (null, null),
    };

    // User-defined operators and conversions; built-in ones (int + int) have no method and use nothing.
    private static IMethodSymbol? OperatorMethod(IOperation operation) => operation switch
    {
        IConversionOperation conversion => conversion.OperatorMethod,
        IUnaryOperation unary => unary.OperatorMethod,
        IBinaryOperation binary => binary.OperatorMethod,
        IIncrementOrDecrementOperation step => step.OperatorMethod,
        _ => null,
    };
}
