using System.Text;

namespace KpatchScript.Cli.Output;

/// <summary>
/// A writer made on first use. stderr is mostly not written at all; creating Console.Error
/// up front costs every run start-up time (a benchmarked feature).
/// </summary>
internal sealed class LazyWriter(Func<TextWriter> create) : TextWriter
{
    private readonly Lazy<TextWriter> _inner = new(create);

    public override Encoding Encoding => _inner.Value.Encoding;

    public override void Write(char value) => _inner.Value.Write(value);

    public override void Write(string? value) => _inner.Value.Write(value);

    public override void WriteLine(string? value) => _inner.Value.WriteLine(value);

    public override void Flush()
    {
        if (_inner.IsValueCreated)
        {
            _inner.Value.Flush();
        }
    }
}
