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
                ["fixed_after_reboot"] = new ScriptArray(cve.FixedAfterReboot),
                ["fix_available"] = new ScriptArray(cve.FixAvailable),
                ["no_fix_yet"] = new ScriptArray(cve.NoFixYet),
            });
        }

        root["cves"] = cves;
        return root;
    }

    /// <summary>
    /// One host as the report's JSON form has it: its fields, verdict, CVEs, and its whole status;
    /// the verdict and the status as <see cref="LazyJsonObject"/>s, read as the template reaches them.
    /// </summary>
    public static ScriptObject Host(FleetHostRow host)
    {
        var cves = new ScriptArray(host.Cves.Count);
        foreach (var cve in host.Cves)
        {
            var item = new ScriptObject(3);
            item.SetValue("id", cve.Id, readOnly: false);
            item.SetValue("state", cve.State, readOnly: false);
            item.SetValue("package", cve.Package, readOnly: false);
            cves.Add(item);
        }

        var (verdictJson, statusJson) = host.Documents();
        var row = new ScriptObject(9);
        row.SetValue("file", host.File, readOnly: false);
        row.SetValue("name", host.Name, readOnly: false);
        row.SetValue("target", host.Target, readOnly: false);
        row.SetValue("collected_at", host.CollectedAt, readOnly: false);
        row.SetValue("verdict", new LazyJsonObject(verdictJson), readOnly: false);
        row.SetValue("cves", cves, readOnly: false);
        row.SetValue("cves_fixed_live", host.FixedLive, readOnly: false);
        row.SetValue("cves_pending", host.Pending, readOnly: false);
        row.SetValue("status", new LazyJsonObject(statusJson), readOnly: false);
        return row;
    }

    /// <summary>
    /// Reads a JSON object's members into <paramref name="target"/> as <see cref="ScriptModel"/>
    /// converts them (strings, booleans, whole numbers as long, others as double, arrays), its
    /// nested objects as <see cref="LazyJsonObject"/>s of their own text. A name repeated keeps its
    /// last value, in the place of its first.
    /// </summary>
    internal static void ReadMembers(ScriptObject target, ReadOnlyMemory<byte> json)
    {
        var scratch = t_scratch ??= new Scratch();
        var reader = new Utf8JsonReader(json.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = scratch.Name(ref reader);
            reader.Read();
            // SetValue, not the indexer: the indexer goes through a TemplateContext of its own.
            target.SetValue(name, Value(json, ref reader, scratch), readOnly: false);
        }
    }

    private static object? Value(ReadOnlyMemory<byte> json, ref Utf8JsonReader reader, Scratch scratch)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return new LazyJsonObject(json[start..(int)reader.BytesConsumed]);
            case JsonTokenType.StartArray:
                // Gathered first, then the array made at its size.
                var items = scratch.Items;
                var first = items.Count;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Value(json, ref reader, scratch));
                }

                var array = new ScriptArray(items.Count - first);
                for (var i = first; i < items.Count; i++)
                {
                    array.Add(items[i]);
                }

                items.RemoveRange(first, items.Count - first);
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

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>A thread's working list for <see cref="Value"/>, and the property names it has read.</summary>
    private sealed class Scratch
    {
        private const int LongestSharedName = 64;

        // Names by a hash of their UTF-8 bytes; a collision replaces. Not a HashSet with an
        // alternate lookup: its generic code is compiled at run time, on the template's thread.
        private readonly string?[] _names = new string?[256];

        public List<object?> Items { get; } = [];

        /// <summary>The property name, one string per name however many hosts carry it (the documents repeat a few dozen names).</summary>
        public string Name(ref Utf8JsonReader reader)
        {
            var utf8 = reader.ValueSpan;
            if (reader.ValueIsEscaped || utf8.Length > LongestSharedName)
            {
                return reader.GetString()!;
            }

            var hash = 2166136261;
            foreach (var b in utf8)
            {
                hash = (hash ^ b) * 16777619;
            }

            ref var slot = ref _names[hash & 255];
            if (slot is null || !reader.ValueTextEquals(slot))
            {
                slot = reader.GetString()!;
            }

            return slot;
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

        private readonly Lock _gate = new();
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

                // Under a lock: the items of kps.include_each render on several threads (IncludeEach),
                // and a partial may index the hosts itself. The template's own loop is the only taker otherwise.
                lock (_gate)
                {
                    if (_start < 0 || index < _start || index >= _start + _window.Length)
                    {
                        var window = _next is not null && _nextStart == index ? _next.GetAwaiter().GetResult() : Build(index);
                        (_start, _window) = (index, window);
                        var next = index + window.Length;
                        (_nextStart, _next) = next < rows.Count ? (next, Task.Run(() => Build(next))) : (-1, null);
                    }

                    return _window[index - _start];
                }
            }

            set => throw new NotSupportedException("the fleet's hosts are read-only");
        }

        /// <summary>
        /// Hosts <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>, each made
        /// when the range is indexed, on the thread that indexes it, and not kept here: kps.include_each
        /// renders ranges on every core, each host once (IncludeEach).
        /// </summary>
        public IReadOnlyList<object?> Range(int start, int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(start);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, rows.Count - start);
            return new HostRange(rows, start, count);
        }

        private sealed class HostRange(IReadOnlyList<FleetHostRow> rows, int start, int count) : IReadOnlyList<object?>
        {
            public int Count => count;

            public object? this[int index] => (uint)index < (uint)count ? Host(rows[start + index]) : throw new ArgumentOutOfRangeException(nameof(index));

            public IEnumerator<object?> GetEnumerator()
            {
                for (var i = 0; i < count; i++)
                {
                    yield return this[i];
                }
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
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
