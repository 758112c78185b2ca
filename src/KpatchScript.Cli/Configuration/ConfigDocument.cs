using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.IO;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// The configuration file as JSON, read once for <see cref="ConfigFile"/>: a missing file is no
/// configuration; a directory, a FIFO, a device, a file over <see cref="ReadLimits.Configuration"/>,
/// invalid JSON or a key that appears twice is an error naming the file.
/// </summary>
internal static class ConfigDocument
{
    /// <summary>True when there is something at the path: a file to read, or something to refuse.</summary>
    public static bool Exists(string path) => BoundedFile.KindOf(path) != EntryKind.Missing;

    /// <exception cref="HostSystemException">The file cannot be read or is not one JSON document with unique keys.</exception>
    public static JsonDocument Read(string path)
    {
        if (BoundedFile.KindOf(path) == EntryKind.Directory)
        {
            throw ConfigFile.Invalid(path, "this is a directory: name the configuration file itself (KPATCH_SCRIPT_CONFIG=DIR/config.json)");
        }

        string text;
        try
        {
            text = BoundedFile.ReadText(path, ReadLimits.Configuration);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ConfigFile.Invalid(path, ex.Message);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw ConfigFile.Invalid(path, $"not valid JSON ({JsonErrors.Describe(ex)})");
        }

        if (JsonKeys.FirstDuplicate(document.RootElement) is { } key)
        {
            document.Dispose();
            throw ConfigFile.Invalid(path, $"key '{key}' appears twice: keep one (JSON readers disagree on which one counts)");
        }

        return document;
    }
}
