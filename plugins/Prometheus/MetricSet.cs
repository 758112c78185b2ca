using System.Globalization;
using System.Text;

namespace KpatchScript.Plugins.Prometheus;

/// <summary>
/// Gauges in the text exposition format 0.0.4: each family once, <c># HELP</c> and <c># TYPE</c>
/// before its samples, samples of a family together, label values escaped (<c>\\</c>, <c>\"</c>,
/// <c>\n</c>), HELP text escaped (<c>\\</c>, <c>\n</c>). A family without samples is left out
/// (a HELP line with nothing after it only confuses a reader).
/// </summary>
internal sealed class MetricSet
{
    private readonly List<Family> _families = [];

    /// <summary>Starts a gauge family; names are fixed in code, so a bad one is a bug, thrown at once.</summary>
    public Family Gauge(string name, string help)
    {
        if (!IsMetricName(name) || _families.Exists(f => f.Name == name))
        {
            throw new ArgumentException($"bad or repeated metric name {name}", nameof(name));
        }

        var family = new Family(name, help);
        _families.Add(family);
        return family;
    }

    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var family in _families.Where(f => f.Samples.Count > 0))
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(" gauge\n");
            foreach (var (labels, value) in family.Samples)
            {
                text.Append(family.Name);
                if (labels.Length > 0)
                {
                    text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")).Append('}');
                }

                text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static bool IsMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.StartsWith("__", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    internal sealed class Family(string name, string help)
    {
        public string Name => name;

        public string Help => help;

        public List<((string Name, string Value)[] Labels, double Value)> Samples { get; } = [];

        public Family Add(double value, params (string Name, string Value)[] labels)
        {
            if (labels.Any(l => !IsLabelName(l.Name)))
            {
                throw new ArgumentException($"bad label name in {name}", nameof(labels));
            }

            // One sample per label set: a repeated set (two patches of one name cannot exist, but a bug could) keeps the first.
            if (!Samples.Exists(s => s.Labels.SequenceEqual(labels)))
            {
                Samples.Add((labels, value));
            }

            return this;
        }
    }
}
