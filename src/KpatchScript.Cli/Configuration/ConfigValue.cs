using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.Parsing;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// One value of the configuration file with its dotted key (<c>alerts.file.path</c>) and the file's
/// path: the typed reads every section shares, each failing with one line naming the file and the key.
/// </summary>
/// <param name="File">The configuration file, for messages.</param>
/// <param name="Key">The dotted key from the top (<c>alerts.file.path</c>), for messages.</param>
/// <param name="Name">The value's name in its object (the last part of <paramref name="Key"/>, which may itself hold a dot).</param>
/// <param name="Value">The JSON value.</param>
internal readonly record struct ConfigValue(string File, string Key, string Name, JsonElement Value)
{
    /// <summary>A key of the file's top-level object.</summary>
    public ConfigValue(string file, JsonProperty property)
        : this(file, property.Name, property.Name, property.Value)
    {
    }

    /// <summary>The members of an object value, each under its dotted key.</summary>
    public IEnumerable<ConfigValue> Members()
    {
        if (Value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{Key} must be an object, not {Value.GetRawText()}");
        }

        var (file, key) = (File, Key);
        return Value.EnumerateObject().Select(p => new ConfigValue(file, $"{key}.{p.Name}", p.Name, p.Value));
    }

    public string Text() =>
        Value.ValueKind == JsonValueKind.String && Value.GetString() is { Length: > 0 } text
            ? text
            : throw Invalid($"{Key} must be a non-empty string, not {Value.GetRawText()}");

    public List<string> Texts()
    {
        var value = Value;
        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 })
            ? value.EnumerateArray().Select(e => e.GetString()!).ToList()
            : throw Invalid($"{Key} must be an array of non-empty strings, not {value.GetRawText()}");
    }

    /// <summary>A whole number above zero, or from zero with <paramref name="allowZero"/>.</summary>
    public int WholeNumber(bool allowZero) =>
        Value.ValueKind == JsonValueKind.Number && Value.TryGetInt32(out var n) && (n > 0 || (allowZero && n == 0))
            ? n
            : throw Invalid($"{Key} must be a {(allowZero ? "non-negative" : "positive")} whole number, not {Value.GetRawText()}");

    public bool Boolean() =>
        Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? Value.GetBoolean() : throw Invalid($"{Key} must be true or false, not {Value.GetRawText()}");

    public DateOnly Date() =>
        Value.ValueKind == JsonValueKind.String
        && CalendarDate.TryParseIso(Value.GetString(), out var date)
            ? date
            : throw Invalid($"{Key} must be a date like \"2026-06-30\", not {Value.GetRawText()}");

    /// <summary>A non-empty string that is one of <paramref name="words"/>; the error lists them as <paramref name="wordsText"/>.</summary>
    public string OneOf(string wordsText, params string[] words) =>
        Text() is var text && words.Contains(text) ? text : throw Invalid($"{Key} must be {wordsText}, not {Value.GetRawText()}");

    /// <summary>A path, relative to the configuration file's directory when relative.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, Path.GetDirectoryName(Path.GetFullPath(File))!);

    public HostSystemException Invalid(string what) => ConfigFile.Invalid(File, what);
}
