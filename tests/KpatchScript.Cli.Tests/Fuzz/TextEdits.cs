using System.Text;
using CsCheck;

namespace KpatchScript.Cli.Tests.Fuzz;

/// <summary>One change to a text: at a position (a fraction of its length), with a span length and a token.</summary>
internal sealed record TextEdit(int Op, int Position, int Length, int Token)
{
    /// <summary>What goes in: JSON's punctuation, numbers no integer holds, NUL, a lone surrogate, a byte-order mark, deep nesting, a long string, a key twice.</summary>
    private static readonly string[] Tokens =
    [
        "\"", "{", "}", "[", "]", ",", ":", "null", "true", "-1", "0", "1e309", "99999999999999999999", "-0.5",
        "\"\\u0000\"", "\"\\ud800\"", "\0", "\"é\"", "\uFEFF", "\r\n", "\\", "\"x\": 1, \"x\": 2",
        new string('[', 300), new string('a', 100_000), "{\"a\":{\"a\":{}}}", "\"2026-13-45T99:00:00Z\"",
    ];

    private const int Ops = 7;

    public static Gen<TextEdit> Gen { get; } =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, Ops - 1], CsCheck.Gen.Int[0, 1000], CsCheck.Gen.Int[0, 64], CsCheck.Gen.Int[0, Tokens.Length - 1], (o, p, l, t) => new TextEdit(o, p, l, t));

    public static string Apply(string text, IEnumerable<TextEdit> edits) => edits.Aggregate(text, (t, e) => e.Apply(t));

    public string Apply(string text)
    {
        var at = (int)((long)Position * text.Length / 1000);
        var length = Math.Min(Length, text.Length - at);
        var token = Tokens[Token];
        switch (Op)
        {
            case 0: return text[..at] + token + text[(at + length)..]; // replace a span
            case 1: return text.Remove(at, length); // delete a span
            case 2: return text.Insert(at, text.Substring(at, length)); // say a span twice
            case 3: return text.Insert(at, token);
            case 4: return text[..at]; // torn
            case 5: // a line twice: in pretty JSON, a key twice
                var lines = text.Split('\n').ToList();
                var line = Math.Min(lines.Count - 1, (int)((long)Position * lines.Count / 1000));
                lines.Insert(line, lines[line]);
                return string.Join('\n', lines);
            default: // one character changed
                if (text.Length == 0)
                {
                    return token;
                }

                var builder = new StringBuilder(text);
                builder[Math.Min(at, text.Length - 1)] = (char)(' ' + (Length * 7 % 95));
                return builder.ToString();
        }
    }

    public override string ToString() => $"{(Op switch { 0 => "replace", 1 => "delete", 2 => "repeat", 3 => "insert", 4 => "truncate", 5 => "repeat-line", _ => "change-char" })}@{Position / 10.0:0.#}%x{Length}:{Outcomes.Clip(Tokens[Token].Length > 20 ? $"{Tokens[Token][0]}*{Tokens[Token].Length}" : Tokens[Token]).Replace("\0", "\\0", StringComparison.Ordinal)}";
}
