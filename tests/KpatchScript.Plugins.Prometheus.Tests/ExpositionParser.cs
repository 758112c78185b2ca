using System.Globalization;
using System.Text;

namespace KpatchScript.Plugins.Prometheus.Tests;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, written from its specification
/// for these tests: it throws <see cref="FormatException"/> naming the line for anything a
/// Prometheus server would reject (bad names, bad escapes, unterminated label sets, values that
/// are not Go floats, TYPE after samples, a family split in two, a repeated series, no final
/// newline), and, as a lint, for a family without HELP or TYPE. It returns the samples with their
/// label values unescaped.
/// </summary>
internal static class ExpositionParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Exposition(IReadOnlyList<Sample> Samples, IReadOnlyDictionary<string, string> Help, IReadOnlyDictionary<string, string> Types)
    {
        public double Value(string name, params (string Label, string Value)[] labels) =>
            Samples.Single(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Value;

        public bool Has(string name) => Samples.Any(s => s.Name == name);
    }

    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static Exposition Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the last line does not end with a newline");
        }

        var samples = new List<Sample>();
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && parts[1] is "HELP" or "TYPE")
                {
                    var name = parts[2];
                    Require(IsMetricName(name), number, $"bad metric name '{name}'");
                    Switch(name);
                    if (parts[1] == "HELP")
                    {
                        Require(!help.ContainsKey(name), number, $"second HELP for {name}");
                        help[name] = UnescapeHelp(parts.Length > 3 ? parts[3] : "", number);
                    }
                    else
                    {
                        Require(parts.Length == 4 && Types.Contains(parts[3]), number, $"bad TYPE line for {name}");
                        Require(!types.ContainsKey(name), number, $"second TYPE for {name}");
                        Require(!samples.Any(s => s.Name == name), number, $"TYPE for {name} after its samples");
                        types[name] = parts[3];
                    }
                }

                continue; // another comment
            }

            var sample = ParseSample(line, number);
            Switch(sample.Name);
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            Require(series.Add(key), number, $"repeated series {key}");
            samples.Add(sample);
        }

        foreach (var name in samples.Select(s => s.Name).Distinct())
        {
            Require(help.ContainsKey(name) && types.ContainsKey(name), 0, $"{name} has no HELP or no TYPE line");
        }

        return new Exposition(samples, help, types);

        // Families must not be split: once another family started, an earlier one may not continue.
        void Switch(string name)
        {
            if (current == name)
            {
                return;
            }

            if (current is not null)
            {
                finished.Add(current);
            }

            Require(!finished.Contains(name), 0, $"the lines of {name} are not together");
            current = name;
        }
    }

    private static Sample ParseSample(string line, int number)
    {
        var position = 0;
        while (position < line.Length && (char.IsAsciiLetterOrDigit(line[position]) || line[position] is '_' or ':'))
        {
            position++;
        }

        var name = line[..position];
        Require(IsMetricName(name), number, $"bad metric name '{name}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (true)
            {
                SkipBlanks(line, ref position);
                if (position < line.Length && line[position] == '}')
                {
                    position++;
                    break;
                }

                var start = position;
                while (position < line.Length && (char.IsAsciiLetterOrDigit(line[position]) || line[position] == '_'))
                {
                    position++;
                }

                var label = line[start..position];
                Require(IsLabelName(label), number, $"bad label name '{label}'");
                SkipBlanks(line, ref position);
                Require(position < line.Length && line[position] == '=', number, "expected '=' after a label name");
                position++;
                SkipBlanks(line, ref position);
                Require(position < line.Length && line[position] == '"', number, "expected '\"' to open a label value");
                position++;
                var value = new StringBuilder();
                while (true)
                {
                    Require(position < line.Length, number, "unterminated label value");
                    var c = line[position++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        Require(position < line.Length, number, "unterminated escape");
                        var escaped = line[position++];
                        value.Append(escaped switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"line {number}: bad escape \\{escaped} in a label value"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                Require(labels.TryAdd(label, value.ToString()), number, $"label {label} twice");
                SkipBlanks(line, ref position);
                Require(position < line.Length && line[position] is ',' or '}', number, "expected ',' or '}' after a label value");
                if (line[position] == ',')
                {
                    position++;
                }
            }
        }

        Require(position < line.Length && line[position] == ' ', number, "expected a space before the value");
        var fields = line[(position + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Require(fields.Length is 1 or 2, number, "expected a value and at most a timestamp");
        Require(fields.Length == 1 || long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), number, $"bad timestamp '{(fields.Length > 1 ? fields[1] : "")}'");
        return new Sample(name, labels, GoFloat(fields[0], number));
    }

    private static double GoFloat(string text, int number) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !text.Contains(',', StringComparison.Ordinal) => value,
        _ => throw new FormatException($"line {number}: '{text}' is not a number"),
    };

    private static string UnescapeHelp(string text, int number)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            Require(i + 1 < text.Length && text[i + 1] is '\\' or 'n', number, "bad escape in HELP");
            result.Append(text[++i] == 'n' ? '\n' : '\\');
        }

        return result.ToString();
    }

    private static void SkipBlanks(string line, ref int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t')
        {
            position++;
        }
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static void Require(bool condition, int line, string what)
    {
        if (!condition)
        {
            throw new FormatException(line > 0 ? $"line {line}: {what}" : what);
        }
    }
}
