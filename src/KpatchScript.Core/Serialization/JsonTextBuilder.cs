using System.Buffers;
using System.Globalization;
using System.Text;

namespace KpatchScript.Serialization;

/// <summary>
/// Writes JSON into a StringBuilder with the subset of <see cref="System.Text.Json.Utf8JsonWriter"/>'s
/// API our documents use, in exactly its output format: indented (two spaces, <c>"name": value</c>)
/// or compact (one line, for the journal), with relaxed escaping: <see cref="JsonConvention"/>. It
/// exists for start-up time: Utf8JsonWriter and its encoder cost ~15 ms cold, this a fraction; a
/// test holds the status document equal, byte for byte, to what System.Text.Json writes.
/// </summary>
internal sealed class JsonTextBuilder(bool indented = true, int capacity = 8192)
{
    // Padding, JsonConvention.IndentSize spaces a level. A literal, and the nesting below as a bool
    // array, not a Stack<bool>: generic code over a value type and string padding are compiled at
    // run time, ~1 ms of status --json.
    private const string Spaces = "                                                                ";

    private readonly StringBuilder _text = new(capacity);
    private bool[] _hasItems = new bool[16]; // per open object or array: whether it has an item yet
    private int _depth;
    private bool _afterPropertyName;

    public override string ToString() => _text.ToString();

    /// <summary>Empties the builder for the next document, keeping its buffer.</summary>
    public void Clear()
    {
        _text.Clear();
        _depth = 0;
        _afterPropertyName = false;
    }

    /// <summary>
    /// Appends the text as UTF-8. Chunk by chunk, each on its own: the text holds no surrogate
    /// (<see cref="Escape"/> writes every one as <c>\uXXXX</c>), so no character spans two chunks.
    /// </summary>
    public void CopyUtf8To(IBufferWriter<byte> output)
    {
        foreach (var chunk in _text.GetChunks())
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            output.Advance(Encoding.UTF8.GetBytes(chunk.Span, span));
        }
    }

    public void WriteStartObject(string? name = null) => Open(name, '{');

    public void WriteEndObject() => Close('}');

    public void WriteStartArray(string? name = null) => Open(name, '[');

    public void WriteEndArray() => Close(']');

    public void WritePropertyName(string name)
    {
        NextItem();
        Quoted(name);
        _text.Append(indented ? ": " : ":");
        _afterPropertyName = true;
    }

    public void WriteString(string name, string? value)
    {
        WritePropertyName(name);
        WriteStringValue(value);
    }

    public void WriteString(string name, DateTimeOffset value) =>
        WriteString(name, JsonConvention.Time(value));

    public void WriteNumber(string name, long value)
    {
        WritePropertyName(name);
        WriteNumberValue(value);
    }

    public void WriteBoolean(string name, bool value)
    {
        WritePropertyName(name);
        WriteBooleanValue(value);
    }

    public void WriteNull(string name)
    {
        WritePropertyName(name);
        Value("null");
    }

    public void WriteStringValue(string? value)
    {
        if (value is null)
        {
            Value("null");
            return;
        }

        BeginValue();
        Quoted(value);
    }

    public void WriteNumberValue(int value) => WriteNumberValue((long)value);

    public void WriteNumberValue(long value) => Value(value.ToString(CultureInfo.InvariantCulture));

    public void WriteBooleanValue(bool value) => Value(value ? "true" : "false");

    private void Open(string? name, char bracket)
    {
        if (name is not null)
        {
            WritePropertyName(name);
        }

        BeginValue();
        _text.Append(bracket);
        if (_depth == _hasItems.Length)
        {
            var grown = new bool[_depth * 2];
            _hasItems.CopyTo(grown, 0);
            _hasItems = grown;
        }

        _hasItems[_depth++] = false;
    }

    private void Close(char bracket)
    {
        if (_hasItems[--_depth])
        {
            NewLine();
        }

        _text.Append(bracket);
    }

    private void Value(string literal)
    {
        BeginValue();
        _text.Append(literal);
    }

    /// <summary>A value after a property name stays on its line; an array element starts a new one.</summary>
    private void BeginValue()
    {
        if (_afterPropertyName)
        {
            _afterPropertyName = false;
            return;
        }

        if (_depth > 0)
        {
            NextItem();
        }
    }

    private void NextItem()
    {
        if (_hasItems[_depth - 1])
        {
            _text.Append(',');
        }

        _hasItems[_depth - 1] = true;
        NewLine();
    }

    private void NewLine()
    {
        if (indented)
        {
            _text.Append('\n');
            for (var indent = JsonConvention.IndentSize * _depth; indent > 0; indent -= Spaces.Length)
            {
                _text.Append(Spaces, 0, Math.Min(indent, Spaces.Length));
            }
        }
    }

    /// <summary>The escaping of <see cref="JsonConvention.Encoder"/> (UnsafeRelaxedJsonEscaping), character by character as <see cref="Escape"/> says.</summary>
    private void Quoted(string value)
    {
        _text.Append('"');
        // Runs that need no escape are appended whole: a fleet report writes thousands of documents.
        var run = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var escape = Escape(value[i]);
            if (escape is null)
            {
                continue;
            }

            _text.Append(value, run, i - run).Append(escape);
            run = i + 1;
        }

        _text.Append(value, run, value.Length - run).Append('"');
    }

    /// <summary>What <paramref name="c"/> is written as inside a string, or null when it is written as it is.</summary>
    private static string? Escape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\b' => "\\b",
        '\f' => "\\f",
        < ' ' or '\u007f' or (>= '\ud800' and <= '\udfff') => Hex(c),
        < '\u0080' => null,
        // Beyond ASCII, what the encoder escapes: C1 controls, separators, spaces other than ' ', format
        // characters, unassigned code points. Asked of the encoder itself (a property test holds the two
        // equal); an ASCII document, the usual status, never loads it.
        _ => JsonConvention.Encoder.WillEncode(c) ? Hex(c) : null,
    };

    private static string Hex(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
