using KpatchScript.Host;

namespace KpatchScript.Serialization;

/// <summary>Commands in JSON documents and journal records: an array of argument vectors.</summary>
internal static class CommandJson
{
    public static void WriteArgumentVectors(JsonTextBuilder w, string name, IEnumerable<CommandSpec> commands) =>
        WriteArgumentVectors(w, name, commands.Select(c => c.Arguments));

    /// <summary>The same from argument vectors as read back (the journal).</summary>
    public static void WriteArgumentVectors(JsonTextBuilder w, string name, IEnumerable<IReadOnlyList<string>> commands)
    {
        w.WriteStartArray(name);
        foreach (var command in commands)
        {
            w.WriteStartArray();
            foreach (var argument in command)
            {
                w.WriteStringValue(argument);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
