namespace KpatchScript.Reports;

/// <summary>
/// An extra section of a report, contributed by a plugin: a titled table that every shipped
/// template renders generically (and escapes), and that custom templates find in the model under
/// its <see cref="Id"/>.
/// </summary>
/// <param name="Id">A stable identifier, lower-case with dashes, e.g. <c>site-inventory</c>.</param>
/// <param name="Title">The heading shown above the table.</param>
/// <param name="Columns">Column headings.</param>
/// <param name="Rows">Rows of cells, each with as many cells as <paramref name="Columns"/>.</param>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>A sentence shown under the table (a source, a caveat); null for none.</summary>
    public string? Note { get; init; }
}
