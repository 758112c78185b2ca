using KpatchScript.Host;

namespace KpatchScript.Serialization;

/// <summary>Commands in JSON documents and journal records: an array of argument vectors.</summary>
internal static class CommandJson
{
    public static void WriteArgumentVectors(JsonTextBuilder w, string name, IEnumerable<CommandSpec> commands)
    {
        w.WriteStartArray(name);
        foreach (var command in commands)
        {
            w.WriteStartArray();
            foreach (var argument in command.Arguments)
            {
                w.WriteStringValue(argument);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
