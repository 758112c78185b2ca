using System.Globalization;
using KpatchScript.Status;

namespace KpatchScript.Parsing;

/// <summary>One line of <c>/proc/modules</c>: <c>name size refcount deps state address [(taint)]</c>.</summary>
internal sealed record ProcModule(string Name, Reading<int> ReferenceCount, string Taint)
{
    /// <summary>Taint letter <c>K</c>: a livepatch module.</summary>
    public bool IsLivepatch => Taint.Contains('K', StringComparison.Ordinal);
}

internal static class ProcModulesParser
{
    public static Reading<IReadOnlyList<ProcModule>> Parse(string text)
    {
        var modules = new List<ProcModule>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                return Reading.Unknown<IReadOnlyList<ProcModule>>(
                    $"/proc/modules line {lineNumber} has {fields.Length} fields, expected 'name size refcount ...': '{TextClip.Clip(line)}'");
            }

            var refcount = int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? Reading.Known(n)
                : Reading.Unknown<int>($"/proc/modules gives '{TextClip.Clip(fields[2])}' as the reference count of {fields[0]}");
            var last = fields[^1];
            var taint = fields.Length >= 7 && last.StartsWith('(') && last.EndsWith(')') ? last[1..^1] : "";
            modules.Add(new ProcModule(fields[0], refcount, taint));
        }

        return Reading.Known<IReadOnlyList<ProcModule>>(modules);
    }
}
