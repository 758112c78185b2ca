using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KpatchScript.Scripting.Compilation;

/// <summary>An analyzer additional file whose text the host already holds (the site's banned-API list).</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
