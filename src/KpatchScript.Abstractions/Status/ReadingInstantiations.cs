namespace KpatchScript.Status;

/// <summary>
/// Never called. It names the <see cref="Reading{T}"/> instantiations that detection uses, so that
/// ReadyToRun compiles their code into this assembly.
/// </summary>
/// <remarks>
/// Why: code for a generic from this assembly over a value type (<c>Reading&lt;long&gt;</c>) or a
/// generic method of it (<c>Then&lt;TOut&gt;</c>) is precompiled only where the instantiation is
/// named inside the assembly that defines the generic. KpatchScript.Core names them, so without this
/// file the runtime compiled 26 such methods on every <c>status</c> (EventPipe method events), on the
/// start-up path the benchmark gates (tests/benchmarks/README.md, "2026-12-06, sixth").
/// </remarks>
internal static class ReadingInstantiations
{
    internal static void Name()
    {
        Each<string>("");
        FromText(Reading.Known(""));
        Each(0L);
        Each(0);
        Each(false);
    }

    private static void Each<T>(T value)
    {
        // Method groups, not calls: a call to these one-line methods is inlined, and an inlined body
        // is not compiled on its own for Core to call.
        Func<T, Reading<T>> known = Reading.Known;
        Func<string, Reading<T>> unknown = Reading.Unknown<T>;
        var reading = known(value);
        _ = reading.IsKnown && unknown("").Value is null && reading.UnknownReason is null;
        _ = reading.GetValueOrDefault();
        Into(reading, "");
        Into(reading, 0L);
        Into(reading, 0);
        Into(reading, false);
    }

    /// <summary>
    /// From text to a value type, written out: inside a generic method shared by reference types
    /// (<c>Each&lt;string&gt;</c>) the instantiation is looked up at run time, not compiled ahead.
    /// </summary>
    private static void FromText(Reading<string> text)
    {
        Func<Func<string, Reading<long>>, Reading<long>> toInt64 = text.Then;
        Func<Func<string, Reading<int>>, Reading<int>> toInt32 = text.Then;
        Func<Func<string, Reading<bool>>, Reading<bool>> toBoolean = text.Then;
        Func<Func<string, Reading<string>>, Reading<string>> toText = text.Then;
        Func<Func<string, long>, Reading<long>> selectInt64 = text.Select;
        Func<Func<string, int>, Reading<int>> selectInt32 = text.Select;
        Func<Func<string, bool>, Reading<bool>> selectBoolean = text.Select;
        _ = (toInt64, toInt32, toBoolean, toText, selectInt64, selectInt32, selectBoolean);
    }

    private static void Into<T, TOut>(Reading<T> reading, TOut value)
    {
        Func<Func<T, TOut>, Reading<TOut>> select = reading.Select;
        Func<Func<T, Reading<TOut>>, Reading<TOut>> then = reading.Then;
        _ = select(_ => value);
        _ = then(_ => Reading.Known(value));
    }
}
