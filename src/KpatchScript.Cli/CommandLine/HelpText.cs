using System.Text;

namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// The usage line and the "Arguments:" and "Options:" sections of a verb's <c>--help</c>, made
/// from its <see cref="OptionTable"/>; the prose between them is the verb's. Only <c>--help</c>
/// comes here, so LINQ is fine.
/// </summary>
internal static class HelpText
{
    /// <summary>Labels longer than this put their help on the next line, so one long option does not push every help far right.</summary>
    private const int LongestLabelBeside = 22;

    /// <summary>The whole <c>--help</c>: usage, <paramref name="description"/>, arguments, options, then <paramref name="footer"/> (exit codes).</summary>
    public static string Of(OptionTable table, string description, string footer)
    {
        var text = new StringBuilder("Usage: ").AppendJoin("\n       ", UsageLines(table)).Append("\n\n");
        text.Append(description.TrimEnd()).Append("\n\n");
        var rows = table.Arguments.Select(a => (a.Name, a.Help)).ToList();
        var options = table.Options.Select(o => (o.Label, Help: o.Repeatable ? o.Help + "; repeatable" : o.Help)).ToList();
        var column = rows.Concat(options).Select(r => r.Item1.Length).Where(l => l <= LongestLabelBeside).DefaultIfEmpty(0).Max() + 4;
        Section(text, "Arguments:", rows, column);
        Section(text, "Options:", options, column);
        return text.Append(footer.TrimEnd()).ToString();
    }

    /// <summary>Each way of using the verb, one line each: <c>kpatch-script load MODULE.ko [--json] ...</c>.</summary>
    public static IReadOnlyList<string> UsageLines(OptionTable table)
    {
        var forms = table.Forms ??
        [
            new UsageForm(
                string.Join(" ", table.Arguments.Where(a => !a.AfterOptions).Select(a => a.Name)),
                Trailer: string.Join(" ", table.Arguments.Where(a => a.AfterOptions).Select(a => a.Name))),
        ];
        var requiredSomewhere = forms.SelectMany(f => f.Required ?? []).ToHashSet();
        return forms.Select(form =>
        {
            var required = form.Required ?? [];
            var optional = table.Options.Where(o => !required.Contains(o) && (form.Only is null ? !requiredSomewhere.Contains(o) : form.Only.Contains(o)));
            var words = new[] { "kpatch-script", table.Command, form.Words }
                .Concat(required.Select(o => o.Label))
                .Concat(optional.Select(o => $"[{o.Label}]{(o.Repeatable ? "..." : "")}"))
                .Append(form.Trailer);
            return string.Join(" ", words.Where(w => w.Length > 0));
        }).ToList();
    }

    private static void Section(StringBuilder text, string title, List<(string Label, string Help)> rows, int column)
    {
        if (rows.Count == 0)
        {
            return;
        }

        text.Append(title).Append('\n');
        var indent = new string(' ', column);
        foreach (var (label, help) in rows)
        {
            var lines = help.Split('\n');
            text.Append("  ").Append(label);
            text.Append(label.Length + 2 < column ? new string(' ', column - label.Length - 2) : "\n" + indent);
            text.AppendJoin("\n" + indent, lines).Append('\n');
        }

        text.Append('\n');
    }
}
