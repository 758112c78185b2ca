using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// A JSON object of a fleet host's documents as a <see cref="ScriptObject"/> that reads its members
/// from the document the first time anything asks for one. A fleet template reads a few members of
/// each host's status; making every object of every status was what kept the template waiting
/// (tests/benchmarks: the fleet report rows). Once filled it is a plain ScriptObject: the members
/// are in the base's own store, its nested objects lazy in turn.
/// </summary>
/// <remarks>
/// Every way in fills it first: each virtual member is overridden, and every interface ScriptObject
/// implements is implemented again here (a template reaches a model value through those
/// interfaces: member access, loops, <c>object.keys</c>, <c>object.size</c>, <c>object.to_json</c>).
/// What is left is a non-virtual member called through the ScriptObject type itself, which sees
/// the object empty until it is filled; the places that do it on a model value are filled first:
/// Scriban's <c>import</c> (<see cref="EscapingContext.Import"/>) and this project's own template
/// functions and output formats, which go through the interfaces. LazyJsonObjectTests renders each
/// way in, and 2,000 generated documents, over lazy and plain objects of the same text and compares;
/// the fleet golden files hold the shipped templates' output as it was with plain objects.
/// </remarks>
internal sealed class LazyJsonObject : ScriptObject, IScriptObject, IDictionary<string, object?>, IDictionary
{
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo> BaseImplementations = new();

    private ReadOnlyMemory<byte> _json;

    // Set once the members are in; read without the lock on every way in.
    private volatile bool _filled;

    /// <param name="json">The object's UTF-8 JSON, from its <c>{</c> to its <c>}</c>.</param>
    public LazyJsonObject(ReadOnlyMemory<byte> json)
        : base(0, autoImportStaticsFromThisType: false)
    {
        _json = json;
    }

    /// <summary>Whether its members have been read in.</summary>
    public bool IsFilled => _filled;

    /// <summary>
    /// Reads the members in, the first time. Safe from several threads at once: items of
    /// <c>kps.include_each</c> render in parallel (IncludeEach), and a partial may reach another
    /// item's host; the first thread reads, the others wait for it.
    /// </summary>
    public void Fill()
    {
        if (_filled)
        {
            return;
        }

        // On the object itself: internal and sealed, nothing else locks it, and a lock object each would
        // be one more allocation for every object of every host.
        lock (this)
        {
            // A JSON object is never empty text, so an empty one means read, or being read by this
            // thread: storing the members goes through SetValue, which comes back here.
            if (_json.IsEmpty)
            {
                return;
            }

            var json = _json;
            _json = default;
            FleetScriptModel.ReadMembers(this, json);
            _filled = true;
        }
    }

    /// <summary><paramref name="value"/>, filled when it is a lazy object.</summary>
    public static object? Filled(object? value)
    {
        (value as LazyJsonObject)?.Fill();
        return value;
    }

    public override bool IsReadOnly
    {
        get
        {
            Fill();
            return base.IsReadOnly;
        }

        set
        {
            Fill();
            base.IsReadOnly = value;
        }
    }

    public override object? this[string key]
    {
        get
        {
            Fill();
            return base[key];
        }

        set
        {
            Fill();
            base[key] = value;
        }
    }

    public override bool CanWrite(string member)
    {
        Fill();
        return base.CanWrite(member);
    }

    public override IScriptObject Clone(bool deep)
    {
        Fill();
        return base.Clone(deep);
    }

    public override bool Contains(string member)
    {
        Fill();
        return base.Contains(member);
    }

    public override void CopyTo(ScriptObject dest)
    {
        Fill();
        base.CopyTo(dest);
    }

    public override bool Remove(string member)
    {
        Fill();
        return base.Remove(member);
    }

    public override void SetReadOnly(string member, bool readOnly)
    {
        Fill();
        base.SetReadOnly(member, readOnly);
    }

    public override string ToString(string? format, IFormatProvider? formatProvider)
    {
        Fill();
        return base.ToString(format, formatProvider);
    }

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        Fill();
        return base.TryGetValue(context, span, member, out value);
    }

    public override bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly)
    {
        Fill();
        return base.TrySetValue(context, span, member, value, readOnly);
    }

    // The interfaces' members that the base implements without a virtual member to override.

    int IScriptObject.Count => Filled().Count;

    IEnumerable<string> IScriptObject.GetMembers() => Filled().GetMembers();

    ICollection<string> IDictionary<string, object?>.Keys => Filled().Keys;

    ICollection<object?> IDictionary<string, object?>.Values => Filled().Values;

    bool IDictionary<string, object?>.ContainsKey(string key) => Filled().ContainsKey(key);

    void IDictionary<string, object?>.Add(string key, object? value) => Filled().Add(key, value);

    bool IDictionary<string, object?>.TryGetValue(string key, out object? value) => Filled().TryGetValue(new TemplateContext(), default, key, out value);

    int ICollection<KeyValuePair<string, object?>>.Count => Filled().Count;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => IsReadOnly;

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => Base(typeof(ICollection<KeyValuePair<string, object?>>), "Add", item);

    void ICollection<KeyValuePair<string, object?>>.Clear() => Filled().Clear();

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) => (bool)Base(typeof(ICollection<KeyValuePair<string, object?>>), "Contains", item)!;

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => Base(typeof(ICollection<KeyValuePair<string, object?>>), "CopyTo", array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) => (bool)Base(typeof(ICollection<KeyValuePair<string, object?>>), "Remove", item)!;

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => Filled().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Filled().GetEnumerator();

    object? IDictionary.this[object key]
    {
        get => Base(typeof(IDictionary), "get_Item", key);
        set => Base(typeof(IDictionary), "set_Item", key, value);
    }

    ICollection IDictionary.Keys => (ICollection)Base(typeof(IDictionary), "get_Keys")!;

    ICollection IDictionary.Values => (ICollection)Base(typeof(IDictionary), "get_Values")!;

    bool IDictionary.IsReadOnly => IsReadOnly;

    bool IDictionary.IsFixedSize => (bool)Base(typeof(IDictionary), "get_IsFixedSize")!;

    void IDictionary.Add(object key, object? value) => Base(typeof(IDictionary), "Add", key, value);

    void IDictionary.Clear() => Filled().Clear();

    bool IDictionary.Contains(object key) => (bool)Base(typeof(IDictionary), "Contains", key)!;

    IDictionaryEnumerator IDictionary.GetEnumerator() => (IDictionaryEnumerator)Base(typeof(IDictionary), "GetEnumerator")!;

    void IDictionary.Remove(object key) => Base(typeof(IDictionary), "Remove", key);

    int ICollection.Count => Filled().Count;

    bool ICollection.IsSynchronized => (bool)Base(typeof(ICollection), "get_IsSynchronized")!;

    object ICollection.SyncRoot => Base(typeof(ICollection), "get_SyncRoot")!;

    void ICollection.CopyTo(Array array, int index) => Base(typeof(ICollection), "CopyTo", array, index);

    // The base's public members, called on this type, are its own: no interface, no recursion.
    private LazyJsonObject Filled()
    {
        Fill();
        return this;
    }

    /// <summary>
    /// The base's own implementation of an interface member it implements explicitly, called on this
    /// object once filled: the same code, over the same store. (C# cannot call a base's explicit
    /// implementation; these members are rarely used, by templates that treat an object as a .NET dictionary.)
    /// </summary>
    private object? Base(Type @interface, string member, params object?[] arguments)
    {
        Fill();
        var method = BaseImplementations.GetOrAdd((@interface, member), key =>
        {
            var map = typeof(ScriptObject).GetInterfaceMap(key.Item1);
            var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == key.Item2);
            return index >= 0 ? map.TargetMethods[index] : throw new MissingMethodException($"ScriptObject implements no {key.Item1.Name}.{key.Item2}");
        });
        try
        {
            return method.Invoke(this, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
