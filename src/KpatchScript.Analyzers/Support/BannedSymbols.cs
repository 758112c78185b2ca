using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace KpatchScript.Analyzers.Support;

/// <summary>
/// The banned-API list of one compilation: the entries of every <c>BannedSymbols.txt</c> and
/// <c>BannedSymbols.*.txt</c> additional file, resolved to symbols of that compilation. An id that names nothing the
/// compilation references bans nothing there (the list is shared by scripts that reference
/// different things); malformed lines are refused where the list is configured (the CLI's
/// configuration), and skipped here.
/// </summary>
internal sealed class BannedSymbols
{
    private readonly Dictionary<ISymbol, Entry> _symbols;

    // Namespaces by name: a metadata type's ContainingNamespace is its assembly's namespace symbol,
    // not the compilation's merged one the id resolves to, and the two do not compare equal.
    private readonly Dictionary<string, Entry> _namespaces;

    private BannedSymbols(Dictionary<ISymbol, Entry> symbols, Dictionary<string, Entry> namespaces)
    {
        _symbols = symbols;
        _namespaces = namespaces;
    }

    public bool IsEmpty => _symbols.Count == 0 && _namespaces.Count == 0;

    /// <summary>
    /// True for an additional file that holds a banned-API list: the names Microsoft's
    /// BannedApiAnalyzers reads (<c>BannedSymbols.txt</c>, <c>BannedSymbols.*.txt</c>, matched
    /// case-sensitively as it does), so one file serves RS0030 in a build and KPS1009 in scripts.
    /// </summary>
    public static bool IsListFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.StartsWith("BannedSymbols.", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal);
    }

    public static BannedSymbols Read(ImmutableArray<AdditionalText> files, Compilation compilation, CancellationToken cancellationToken)
    {
        var symbols = new Dictionary<ISymbol, Entry>(SymbolEqualityComparer.Default);
        var namespaces = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!IsListFile(file.Path) || file.GetText(cancellationToken) is not { } text)
            {
                continue;
            }

            foreach (var line in text.Lines)
            {
                var entry = Parse(line.ToString());
                if (entry is null)
                {
                    continue;
                }

                if (entry.Value.Id[0] == 'N')
                {
                    namespaces[entry.Value.Display] = entry.Value;
                    continue;
                }

                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(entry.Value.Id, compilation))
                {
                    symbols[symbol.OriginalDefinition] = entry.Value;
                }
            }
        }

        return new BannedSymbols(symbols, namespaces);
    }

    /// <summary>
    /// The entry banning the member <paramref name="member"/> itself (its original definition) or a
    /// member it overrides: calling an override of a banned method is calling the banned method.
    /// Its containing type is <see cref="FindType"/>'s.
    /// </summary>
    public Entry? FindMember(ISymbol member)
    {
        for (ISymbol? current = member.OriginalDefinition; current is not null; current = Overridden(current)?.OriginalDefinition)
        {
            if (_symbols.TryGetValue(current, out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// The entry banning <paramref name="type"/>: the type (its generic definition), a type
    /// argument, an array's or pointer's element type, a containing type, or a namespace it is in.
    /// </summary>
    public Entry? FindType(ITypeSymbol? type)
    {
        while (type is not null)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return FindType(array.ElementType);
                case IPointerTypeSymbol pointer:
                    return FindType(pointer.PointedAtType);
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (argument.TypeKind is not (TypeKind.TypeParameter or TypeKind.Error) && FindType(argument) is { } byArgument)
                        {
                            return byArgument;
                        }
                    }

                    break;
            }

            if (_symbols.TryGetValue(type.OriginalDefinition, out var entry))
            {
                return entry;
            }

            if (FindNamespace(type) is { } inNamespace)
            {
                return inNamespace;
            }

            type = type.ContainingType;
        }

        return null;
    }

    private Entry? FindNamespace(ITypeSymbol type)
    {
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (_namespaces.TryGetValue(ns.ToDisplayString(), out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol { IsOverride: true } method => method.OverriddenMethod,
        IPropertySymbol { IsOverride: true } property => property.OverriddenProperty,
        IEventSymbol { IsOverride: true } @event => @event.OverriddenEvent,
        _ => null,
    };

    /// <summary>
    /// One line of the list: <c>T:System.Diagnostics.Process;use the facade</c>. Blank lines and
    /// <c>//</c> comments are no entries; neither is a line without a kind prefix.
    /// </summary>
    public static Entry? Parse(string line)
    {
        var text = line.Trim();
        var comment = text.IndexOf("//", StringComparison.Ordinal);
        if (comment >= 0)
        {
            text = text.Substring(0, comment).Trim();
        }

        if (text.Length < 3 || text[1] != ':' || "TMPFEN".IndexOf(text[0]) < 0)
        {
            return null;
        }

        var separator = text.IndexOf(';');
        var id = (separator < 0 ? text : text.Substring(0, separator)).Trim();
        var message = separator < 0 ? "" : text.Substring(separator + 1).Trim();
        return new Entry(id, id.Substring(2), message.Length == 0 ? "" : ": " + message);
    }

    /// <summary>A banned id, how diagnostics name it, and the site's message (": ..." or empty).</summary>
    internal readonly struct Entry
    {
        public Entry(string id, string display, string message)
        {
            Id = id;
            Display = display;
            Message = message;
        }

        public string Id { get; }

        public string Display { get; }

        public string Message { get; }
    }
}
