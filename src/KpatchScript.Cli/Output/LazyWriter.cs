using System.Text;

namespace KpatchScript.Cli.Output;

/// <summary>
/// A writer made on first use. stderr is mostly not written at all; creating Console.Error
/// up front costs every run start-up time (a benchmarked feature).
/// </summary>
internal sealed class LazyWriter(Func<TextWriter> create) : TextWriter
{
    // Not Lazy<T>: its types cost start-up too. Two threads may both call create; one writer wins.
    private TextWriter? _inner;

    private TextWriter Inner => Volatile.Read(ref _inner) ?? Interlocked.CompareExchange(ref _inner, create(), null) ?? _inner!;

    public override Encoding Encoding => Inner.Encoding;

    public override void Write(char value) => Inner.Write(value);

    public override void Write(string? value) => Inner.Write(value);

    public override void WriteLine(string? value) => Inner.WriteLine(value);

    public override void Flush() => Volatile.Read(ref _inner)?.Flush();
}
