using Microsoft.CodeAnalysis;

namespace KpatchScript.Analyzers.Support;

/// <summary>
/// The facade's types in one compilation. Rules about the facade register nothing when the
/// compilation does not reference it, so they cost nothing in unrelated projects.
/// </summary>
internal sealed class FacadeTypes
{
    private FacadeTypes(INamedTypeSymbol facade, INamedTypeSymbol? packageOptions, INamedTypeSymbol? revertAcknowledgement)
    {
        Facade = facade;
        PackageOptions = packageOptions;
        RevertAcknowledgement = revertAcknowledgement;
    }

    public INamedTypeSymbol Facade { get; }

    public INamedTypeSymbol? PackageOptions { get; }

    public INamedTypeSymbol? RevertAcknowledgement { get; }

    /// <summary>The facade's types, or null when <paramref name="compilation"/> does not reference the facade.</summary>
    public static FacadeTypes? From(Compilation compilation)
    {
        var facade = compilation.GetTypeByMetadataName("KpatchScript.IKpatchFacade");
        return facade is null
            ? null
            : new FacadeTypes(
                facade,
                compilation.GetTypeByMetadataName("KpatchScript.Operations.PackageOptions"),
                compilation.GetTypeByMetadataName("KpatchScript.Operations.RevertAcknowledgement"));
    }

    /// <summary>
    /// True for a method declared on the facade interface or on a type implementing it (the dry-run
    /// wrapper, plugins' own facades): a call through the concrete type is the same operation.
    /// </summary>
    public bool IsFacadeMethod(IMethodSymbol method)
    {
        var type = method.ContainingType;
        return type is not null
            && (SymbolEqualityComparer.Default.Equals(type, Facade)
                || type.AllInterfaces.Contains(Facade, SymbolEqualityComparer.Default));
    }
}
