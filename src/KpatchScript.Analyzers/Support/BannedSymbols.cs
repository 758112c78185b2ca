using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace KpatchScript.Analyzers.Support;

/// <summary>
/// The banned-API list of one compilation: the entries of every <c>BannedSymbols.txt</c>
/// additional file, resolved to symbols of that compilation. An id that names nothing the
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

    /// <summary>True for an additional file that holds a banned-API list.</summary>
    public static bool IsListFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return string.Equals(name, "BannedSymbols.txt", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".BannedSymbols.txt", StringComparison.OrdinalIgnoreCase);
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
    /// The entry banning <paramref name="symbol"/>: itself (its original definition; an
    /// extension method in reduced form counts as itself) or, with
    /// <paramref name="includeContainers"/>, a containing type or namespace.
    /// </summary>
    public Entry? Find(ISymbol symbol, bool includeContainers)
    {
        var self = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol;
        if (_symbols.TryGetValue(self.OriginalDefinition, out var direct))
        {
            return direct;
        }

        if (!includeContainers)
        {
            return null;
        }

        for (ISymbol? container = self.ContainingType ?? (ISymbol?)self.ContainingNamespace; container is not null;
             container = container.ContainingType ?? (ISymbol?)container.ContainingNamespace)
        {
            if (container is INamespaceSymbol { IsGlobalNamespace: true })
            {
                break;
            }

            if (container is INamespaceSymbol ns ? _namespaces.TryGetValue(ns.ToDisplayString(), out var found) : _symbols.TryGetValue(container.OriginalDefinition, out found))
            {
                return found;
            }
        }

        return null;
    }

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
