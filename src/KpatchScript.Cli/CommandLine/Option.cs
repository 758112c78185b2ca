namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// One row of a verb's <see cref="OptionTable"/>. The usage line, the "Options:" section of
/// <c>--help</c> and <see cref="ArgumentReader"/> all read the same row, so an option cannot be
/// documented without being parsed, or parsed without being documented.
/// </summary>
/// <param name="Name">As typed: <c>--target</c>.</param>
/// <param name="Value">The name of its value in usage and help (<c>SECONDS</c>, <c>DIR</c>); null for a flag.</param>
/// <param name="Help">One sentence for the help column; a line break continues it on the next line of that column.</param>
/// <param name="Repeatable">Every occurrence is kept (<c>--source A --source B</c>); usage shows <c>...</c> and help says so.</param>
internal sealed record Option(string Name, string? Value, string Help, bool Repeatable = false)
{
    /// <summary>
    /// Read by <see cref="CliApp"/> before any verb (<c>--verbose</c>): in the table for usage and
    /// help, never seen by the verb's reader.
    /// </summary>
    public bool Global { get; init; }

    /// <summary>A short spelling taken as well (<c>-i</c> for <c>--interactive</c>, <c>-o</c> for <c>--output</c>), as dotnet-script has them; null for none.</summary>
    public string? Alias { get; init; }

    public bool IsFlag => Value is null;

    /// <summary>The same option with one verb's help: what <c>--target</c> accepts differs between reading and changing a host.</summary>
    public Option WithHelp(string help) => this with { Help = help };

    /// <summary>What follows the name in usage and help: <c>--timeout SECONDS</c>, <c>--json</c>.</summary>
    public string Label => (Alias is null ? Name : $"{Alias}|{Name}") + (Value is null ? "" : " " + Value);

    /// <summary>Whether <paramref name="argument"/> is this option as typed, by its name or its alias.</summary>
    public bool IsNamed(string argument) => argument == Name || (Alias is not null && argument == Alias);
}
