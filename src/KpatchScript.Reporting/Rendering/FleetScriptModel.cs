using System.Collections;
using System.Text.Json;
using KpatchScript.Reporting.Fleet;
using Scriban.Runtime;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// A <see cref="FleetModel"/> as Scriban objects, with the same names and values as the report's
/// JSON form (what <see cref="ScriptModel"/> makes of it), but the hosts made when the template
/// reaches them: <see cref="HostList"/> builds a window of hosts ahead, in parallel, and lets
/// the previous window go. A 10,000-host fleet is never 10,000 status trees at once
/// (tests/benchmarks: the fleet report rows).
/// </summary>
internal static class FleetScriptModel
{
    public static ScriptObject Root(FleetModel model)
    {
        var root = new ScriptObject
        {
            ["schema_version"] = 1,
            ["generated_at"] = model.GeneratedAt,
            ["tool_version"] = model.ToolVersion,
            ["directory"] = model.Directory,
            ["summary"] = new ScriptObject
            {
                ["hosts"] = model.Hosts.Count,
                ["not_covered"] = model.NotCovered,
                ["action_needed"] = model.ActionNeeded,
                ["covered"] = model.Covered,
                ["unreadable"] = model.Unreadable.Count,
                ["duplicates"] = model.Duplicates.Count,
            },
            ["hosts"] = new HostList(model.Hosts),
        };
        var unreadable = new ScriptArray(model.Unreadable.Count);
        foreach (var file in model.Unreadable)
        {
            unreadable.Add(new ScriptObject { ["file"] = file.File, ["reason"] = file.Reason });
        }

        root["unreadable"] = unreadable;
        var duplicates = new ScriptArray(model.Duplicates.Count);
        foreach (var duplicate in model.Duplicates)
        {
            duplicates.Add(new ScriptObject { ["file"] = duplicate.File, ["name"] = duplicate.Name, ["collected_at"] = duplicate.CollectedAt, ["state"] = duplicate.State, ["kept"] = duplicate.Kept });
        }

        root["duplicates"] = duplicates;
        var cves = new ScriptArray(model.Exposure.Count);
        foreach (var cve in model.Exposure)
        {
            cves.Add(new ScriptObject
            {
                ["id"] = cve.Id,
                ["exposed"] = cve.Exposed,
                ["fixed_live"] = new ScriptArray(cve.FixedLive),
                ["installed_not_live"] = new ScriptArray(cve.InstalledNotLive),
                ["update_available"] = new ScriptArray(cve.UpdateAvailable),
            });
        }

        root["cves"] = cves;
        return root;
    }

    /// <summary>One host as the report's JSON form has it: its fields, verdict, CVEs, and its whole status.</summary>
    public static ScriptObject Host(FleetHostRow host)
    {
        var cves = new ScriptArray(host.Cves.Count);
        foreach (var cve in host.Cves)
        {
            cves.Add(new ScriptObject { ["id"] = cve.Id, ["state"] = cve.State, ["package"] = cve.Package });
        }

        var (verdictJson, statusJson) = host.Documents();
        return new ScriptObject
        {
            ["file"] = host.File,
            ["name"] = host.Name,
            ["target"] = host.Target,
            ["collected_at"] = host.CollectedAt,
            ["verdict"] = Value(verdictJson.Span),
            ["cves"] = cves,
            ["cves_fixed_live"] = host.FixedLive,
            ["cves_pending"] = host.Pending,
            ["status"] = Value(statusJson.Span),
        };
    }

    /// <summary>
    /// A JSON document as <see cref="ScriptModel"/> converts one: objects, arrays, strings, booleans,
    /// whole numbers as long, others as double. Read token by token, without a JsonDocument first:
    /// every host of a fleet is converted (tests/benchmarks: the fleet report rows).
    /// </summary>
    private static object? Value(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return Value(ref reader);
    }

    private static object? Value(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new ScriptObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    obj[name] = Value(ref reader);
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new ScriptArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(Value(ref reader));
                }

                return array;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? whole : reader.GetDouble();
            default:
                return null;
        }
    }

    /// <summary>
    /// The hosts, read-only, made on access: a window of <see cref="Window"/> hosts from the one
    /// asked for is built in parallel and kept until a host outside it is asked for, and the window
    /// after it is built in the background meanwhile, while the template works through this one.
    /// Sequential reading (a template's loop) builds each host once.
    /// </summary>
    internal sealed class HostList(IReadOnlyList<FleetHostRow> rows) : IList<object?>, IList
    {
        public const int Window = 128;

        private int _start = -1;
        private ScriptObject[] _window = [];
        private int _nextStart = -1;
        private Task<ScriptObject[]>? _next;

        public int Count => rows.Count;

        public bool IsReadOnly => true;

        public bool IsFixedSize => true;

        public bool IsSynchronized => false;

        public object SyncRoot => this;

        public object? this[int index]
        {
            get
            {
                if ((uint)index >= (uint)rows.Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                if (_start < 0 || index < _start || index >= _start + _window.Length)
                {
                    var window = _next is not null && _nextStart == index ? _next.GetAwaiter().GetResult() : Build(index);
                    (_start, _window) = (index, window);
                    var next = index + window.Length;
                    (_nextStart, _next) = next < rows.Count ? (next, Task.Run(() => Build(next))) : (-1, null);
                }

                return _window[index - _start];
            }

            set => throw new NotSupportedException("the fleet's hosts are read-only");
        }

        private ScriptObject[] Build(int start)
        {
            var window = new ScriptObject[Math.Min(Window, rows.Count - start)];
            Parallel.For(0, window.Length, i => window[i] = Host(rows[start + i]));
            return window;
        }

        public IEnumerator<object?> GetEnumerator()
        {
            for (var i = 0; i < rows.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public int IndexOf(object? item)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (ReferenceEquals(this[i], item))
                {
                    return i;
                }
            }

            return -1;
        }

        public bool Contains(object? item) => IndexOf(item) >= 0;

        public void CopyTo(object?[] array, int arrayIndex)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                array[arrayIndex + i] = this[i];
            }
        }

        void ICollection.CopyTo(Array array, int index)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                array.SetValue(this[i], index + i);
            }
        }

        public void Add(object? item) => throw new NotSupportedException("the fleet's hosts are read-only");

        int IList.Add(object? value) => throw new NotSupportedException("the fleet's hosts are read-only");

        public void Clear() => throw new NotSupportedException("the fleet's hosts are read-only");

        public void Insert(int index, object? item) => throw new NotSupportedException("the fleet's hosts are read-only");

        public bool Remove(object? item) => throw new NotSupportedException("the fleet's hosts are read-only");

        void IList.Remove(object? value) => throw new NotSupportedException("the fleet's hosts are read-only");

        public void RemoveAt(int index) => throw new NotSupportedException("the fleet's hosts are read-only");
    }
}
