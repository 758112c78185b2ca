// Scripts declare classes, records, enums, interfaces and generic methods, and use newer C# as
// dotnet-script parses it (LanguageVersion.Preview): static local functions, collection expressions.
var prefix = "host";

interface IChecked { bool Ok { get; } }
enum Severity { Info, Warning, Critical }
record Finding(string Host, Severity Level) : IChecked { public bool Ok => Level != Severity.Critical; }
class Tally<T> { private readonly List<T> _items = []; public void Add(T item) => _items.Add(item); public int Count => _items.Count; }

static string Label(Severity level)
{
    return Upper(level.ToString());
    static string Upper(string text) => text.ToUpperInvariant();
}

var findings = new[] { new Finding($"{prefix}1", Severity.Info), new Finding($"{prefix}2", Severity.Critical) };
var failed = new Tally<Finding>();
foreach (var finding in findings.Where(f => !f.Ok))
{
    failed.Add(finding);
}

Console.WriteLine($"{failed.Count} failed: {string.Join(", ", findings.Where(f => !f.Ok).Select(f => $"{f.Host} {Label(f.Level)}"))}");
Console.WriteLine(findings[0]);
