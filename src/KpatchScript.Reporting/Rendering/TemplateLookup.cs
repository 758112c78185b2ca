using KpatchScript.IO;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// Finds a template file by name, file by file, in order: <c>--templates DIR</c>, the configured
/// <c>templates_directory</c> (<c>/etc/kpatch-script/templates</c>), the <c>templates/</c> folder
/// next to the executable (copied there at build), <c>/usr/share/kpatch-script/templates</c>
/// (packages), and last the copy built into this assembly (so a script under the real
/// <c>dotnet script</c> renders too). Overriding one file leaves the others shipped. Includes
/// resolve the same way. Names are plain file names: no directories, so no path escapes a root.
/// </summary>
public sealed class TemplateLookup
{
    public const string DefaultDirectory = "/etc/kpatch-script/templates";
    public const string PackagedDirectory = "/usr/share/kpatch-script/templates";
    private const string BuiltIn = "built in";

    private readonly IReadOnlyList<string> _directories;

    /// <param name="directories">Folders to look in, first match wins; the built-in copies come after them.</param>
    public TemplateLookup(IReadOnlyList<string> directories) => _directories = directories;

    /// <summary>The standard order, with <paramref name="option"/> (--templates) first and <paramref name="configured"/> (templates_directory, null: the default) next.</summary>
    public static TemplateLookup Standard(string? option = null, string? configured = null)
    {
        var directories = new List<string>();
        if (option is not null)
        {
            directories.Add(Path.GetFullPath(option));
        }

        directories.Add(configured ?? DefaultDirectory);
        directories.Add(Path.Combine(AppContext.BaseDirectory, "templates"));
        directories.Add(PackagedDirectory);
        return new TemplateLookup(directories.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Where it looks, for messages.</summary>
    public string Places => string.Join(", ", _directories) + ", " + BuiltIn;

    /// <summary>The template's text and where it came from (a path, or "built in").</summary>
    /// <exception cref="TemplateException">The name is not a plain file name, or no place has it.</exception>
    public (string Text, string Source) Load(string name)
    {
        if (!IsPlainName(name))
        {
            throw new TemplateException($"template name '{name}' is not a plain file name (letters, digits, '.', '_', '-')");
        }

        foreach (var directory in _directories)
        {
            var path = Path.Combine(directory, name);
            // A FIFO or a device is not skipped: reading it fails with a message that names it.
            if (BoundedFile.KindOf(path) is Host.EntryKind.File or Host.EntryKind.Other)
            {
                try
                {
                    return (BoundedFile.ReadText(path, ReadLimits.Template), path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new TemplateException($"template {name}: cannot read {path}: {ex.Message}", ex);
                }
            }
        }

        using var stream = typeof(TemplateLookup).Assembly.GetManifestResourceStream("templates/" + name);
        if (stream is null)
        {
            throw new TemplateException($"template {name} not found (looked in: {Places})");
        }

        using var reader = new StreamReader(stream);
        return (reader.ReadToEnd(), BuiltIn);
    }

    /// <summary>The names of the templates shipped with this build.</summary>
    public static IReadOnlyList<string> Shipped() =>
        typeof(TemplateLookup).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("templates/", StringComparison.Ordinal)).Select(n => n["templates/".Length..]).Order(StringComparer.Ordinal).ToList();

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
