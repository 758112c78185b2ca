using KpatchScript.Cli.Settings;

namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// Everything a verb accepts, declared once: its options and positional arguments. The usage
/// line and the "Options:" section of <c>--help</c> are made from it (<see cref="HelpText"/>), and
/// <see cref="ArgumentReader"/> reads nothing that is not in it; only the prose of a help stays
/// hand-written. Each verb's settings type holds its table (<c>StatusSettings.Table</c>).
/// </summary>
internal sealed class OptionTable
{
    private readonly Option[] _options;
    private readonly PositionalArgument[] _arguments;

    public OptionTable(string command, Option[] options, params PositionalArgument[] arguments)
    {
        Command = command;
        _options = options;
        _arguments = arguments;
    }

    public string Command { get; }

    public IReadOnlyList<Option> Options => _options;

    public IReadOnlyList<PositionalArgument> Arguments => _arguments;

    /// <summary>The lines of a usage with several ways of use; null: one line, made from the table.</summary>
    public UsageForm[]? Forms { get; init; }

    /// <summary>"--" ends the options, and what follows is a script's as it is (run, eval); elsewhere "--" is refused like any unknown option.</summary>
    public bool EndsAtSeparator { get; init; }

    /// <summary>The row named <paramref name="name"/> (or with that alias), or null. A loop, not LINQ: every command line goes through it.</summary>
    public Option? Find(string name)
    {
        foreach (var option in _options)
        {
            if (option.IsNamed(name))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="argument"/> is a row of this table. By reference, in a loop: Array.IndexOf would build the
    /// record's default equality comparer at run time, on the path of every cached script run.
    /// </summary>
    public bool Has(PositionalArgument argument)
    {
        foreach (var row in _arguments)
        {
            if (ReferenceEquals(row, argument))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads <paramref name="arguments"/> with <paramref name="parse"/>, refuses what it left, then checks the rules between options.</summary>
    public TSettings Read<TSettings>(IReadOnlyList<string> arguments, Func<ArgumentReader, TSettings> parse)
        where TSettings : IVerbSettings => new ArgumentReader(arguments, this).Read(parse);
}
