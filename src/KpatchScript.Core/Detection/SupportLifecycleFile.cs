using System.Text.Json;
using KpatchScript.IO;
using KpatchScript.Parsing;

namespace KpatchScript.Detection;

/// <summary>
/// The site's lifecycle data file (<c>support_window_file</c>): until when each kernel gets live
/// patches, as a vendor publishes it (Red Hat's table of kpatch-eligible kernels), with where the
/// data came from and when. Read on the machine that runs kpatch-script (it is the site's data,
/// like the configuration), bounded like it. Format (src/KpatchScript.Cli/README.md):
/// <code>
/// {"source": "Red Hat, Kernel Live Patch Support Cadence (access.redhat.com/articles/7057149)",
///  "date": "2026-11-30",
///  "kernels": [{"release": "5.14.0-427.13.1.el9_4", "ends": "2025-04-30", "stream": "EUS"}]}
/// </code>
/// A release matches the running kernel with or without its architecture suffix.
/// </summary>
internal sealed record SupportLifecycleFile(string Path, string Source, string Date, IReadOnlyList<SupportLifecycleFile.Kernel> Kernels)
{
    /// <summary>One kernel's row: its release, the last day of live patches, its stream when given.</summary>
    internal sealed record Kernel(string Release, DateOnly Ends, string? Stream);

    /// <summary>The row for <paramref name="release"/>, exact first, then without the architecture suffix.</summary>
    public Kernel? Find(string release)
    {
        Kernel? withoutArch = null;
        foreach (var kernel in Kernels)
        {
            if (kernel.Release == release)
            {
                return kernel;
            }

            if (withoutArch is null && release.StartsWith(kernel.Release + ".", StringComparison.Ordinal) && release.IndexOf('.', kernel.Release.Length + 1) == -1)
            {
                withoutArch = kernel;
            }
        }

        return withoutArch;
    }

    /// <summary>Reads and checks the file; a file that is not what the format says is an error naming it, never half-read.</summary>
    /// <exception cref="IOException">Unreadable, too large, or not valid lifecycle data (the message names the file and what is wrong).</exception>
    public static SupportLifecycleFile Read(string path)
    {
        var text = BoundedFile.ReadText(path, ReadLimits.Configuration);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var source = Required(root, "source");
            var date = Required(root, "date");
            if (!CalendarDate.TryParseIso(date, out _))
            {
                throw new InvalidDataException($"'date' is '{date}', not yyyy-MM-dd");
            }

            if (!root.TryGetProperty("kernels", out var kernels) || kernels.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("'kernels' must be an array of {\"release\", \"ends\", \"stream\"}");
            }

            var rows = new List<Kernel>();
            foreach (var row in kernels.EnumerateArray())
            {
                var release = Required(row, "release");
                var ends = Required(row, "ends");
                if (!CalendarDate.TryParseIso(ends, out var end))
                {
                    throw new InvalidDataException($"kernel {release}: 'ends' is '{ends}', not yyyy-MM-dd");
                }

                var stream = row.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                rows.Add(new Kernel(release, end, stream));
            }

            return new SupportLifecycleFile(path, source, date, rows);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
        {
            throw new IOException($"support window file {path}: {ex.Message}", ex);
        }
    }

    private static string Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"'{name}' must be a non-empty string");
}
