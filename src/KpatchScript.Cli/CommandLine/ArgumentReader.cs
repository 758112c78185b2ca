using KpatchScript.Cli.Settings;

namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// A small reader for <c>--flag</c>, <c>--option value</c> and <c>--option=value</c>, bound to a
/// verb's <see cref="OptionTable"/>: settings types pull the rows they know, and a row that is not
/// in the table cannot be read (a bug, caught by any test of the verb); whatever is left over is
/// reported as an error, so a typo never passes silently. Hand-written because of a measured
/// reason: System.CommandLine 2.0 declaring our 17 verbs and parsing one line adds 8.8 ms to a
/// process's start-up (36.2 ms against 27.4 ms, 1.32x, 2026-12-06), two thirds of what <c>status</c>
/// may add to a hello-world under its 1.5x goal. The benchmark row "System.CommandLine 2.0, 17 verbs"
/// (tests/benchmarks/CommandLineProbe) measures it again. Loops, not LINQ: this runs before every
/// command, and <c>status</c> and a cached <c>run</c> are benchmarked.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly List<string> _remaining;
    private readonly OptionTable _table;

    /// <summary>Reads <paramref name="arguments"/>; where the table says so, those after "--" are <see cref="Rest"/>.</summary>
    public ArgumentReader(IReadOnlyList<string> arguments, OptionTable table)
    {
        _table = table;
        _remaining = new List<string>(arguments.Count);
        List<string>? rest = null;
        foreach (var argument in arguments)
        {
            if (rest is null && table.EndsAtSeparator && argument == "--")
            {
                rest = [];
                continue;
            }

            (rest ?? _remaining).Add(argument);
        }

        Rest = rest ?? [];
    }

    /// <summary>A command line split already (<see cref="RunArguments"/>): the options and words, and what goes to the script.</summary>
    public ArgumentReader(List<string> arguments, List<string> rest, OptionTable table)
    {
        _table = table;
        _remaining = arguments;
        Rest = rest;
    }

    public string Command => _table.Command;

    /// <summary>What a script gets as it is: the arguments after "--" (and, for run, its words).</summary>
    public List<string> Rest { get; }

    public bool Flag(Option option)
    {
        Expect(option, flag: true, repeatable: false);
        var found = false;
        for (var i = _remaining.Count - 1; i >= 0; i--)
        {
            if (option.IsNamed(_remaining[i]))
            {
                _remaining.RemoveAt(i);
                found = true;
            }
            else if (IsWithValue(_remaining[i], option.Name))
            {
                throw new UsageException($"{option.Name} takes no value; see 'kpatch-script {Command} --help'");
            }
        }

        return found;
    }

    /// <summary>The value of an option given once; given more than once, the last one counts.</summary>
    public string? Value(Option option)
    {
        Expect(option, flag: false, repeatable: false);
        string? value = null;
        for (var i = 0; i < _remaining.Count; i++)
        {
            if (TakeAt(i, option) is { } taken)
            {
                value = taken;
                i--;
            }
        }

        return value;
    }

    /// <summary>Every value of an option that may be repeated (<c>--source A --source B</c>), in order.</summary>
    public IReadOnlyList<string> Values(Option option)
    {
        Expect(option, flag: false, repeatable: true);
        var values = new List<string>();
        for (var i = 0; i < _remaining.Count; i++)
        {
            if (TakeAt(i, option) is { } taken)
            {
                values.Add(taken);
                i--;
            }
        }

        return values;
    }

    /// <summary>A positional argument, taken after the options (so an option's value is never mistaken for it).</summary>
    public string Argument(PositionalArgument argument) =>
        ArgumentOrNull(argument) ?? throw new UsageException($"{Command} needs {argument.What}; see 'kpatch-script {Command} --help'");

    /// <summary>A positional argument that may be left out (eval's code, then read from stdin).</summary>
    public string? ArgumentOrNull(PositionalArgument argument)
    {
        if (!_table.Has(argument))
        {
            throw new InvalidOperationException($"'{Command}' reads the argument {argument.Name}, which its option table does not have");
        }

        var index = _remaining.FindIndex(a => !a.StartsWith('-'));
        if (index < 0)
        {
            return null;
        }

        var value = _remaining[index];
        _remaining.RemoveAt(index);
        return value;
    }

    /// <summary>Fails on anything no setting claimed.</summary>
    public void EnsureConsumed()
    {
        if (_remaining.Count == 0)
        {
            return;
        }

        var first = _remaining[0];
        throw new UsageException(first.StartsWith('-')
            ? $"unknown option '{first}' for '{Command}'; see 'kpatch-script {Command} --help'"
            : $"unexpected argument '{first}' for '{Command}'; see 'kpatch-script {Command} --help'");
    }

    /// <summary>Parses, refuses what is left, then checks the rules between options: every verb's settings go through here.</summary>
    public TSettings Read<TSettings>(Func<ArgumentReader, TSettings> parse)
        where TSettings : IVerbSettings
    {
        var settings = parse(this);
        EnsureConsumed();
        settings.Validate();
        return settings;
    }

    /// <summary>True for <c>--name=value</c>.</summary>
    public static bool IsWithValue(string argument, string name) =>
        argument.Length > name.Length && argument[name.Length] == '=' && argument.StartsWith(name, StringComparison.Ordinal);

    /// <summary>The value of the option at <paramref name="index"/> when it is <paramref name="option"/>, removed with it; else null.</summary>
    private string? TakeAt(int index, Option option)
    {
        var name = option.Name;
        var argument = _remaining[index];
        if (option.IsNamed(argument))
        {
            if (index + 1 >= _remaining.Count || _remaining[index + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"{name} needs a value; see 'kpatch-script {Command} --help'");
            }

            var value = _remaining[index + 1];
            _remaining.RemoveRange(index, 2);
            return value;
        }

        if (IsWithValue(argument, name))
        {
            _remaining.RemoveAt(index);
            return argument[(name.Length + 1)..];
        }

        return null;
    }

    // Reading a row the table does not have (or has as another kind) is a bug of the settings type, never the user's.
    private void Expect(Option option, bool flag, bool repeatable)
    {
        if (_table.Find(option.Name) is not { Global: false } row || row.IsFlag != flag || row.Repeatable != repeatable)
        {
            throw new InvalidOperationException($"'{Command}' reads {option.Name} as a {(flag ? "flag" : repeatable ? "repeatable option" : "option")}, which its option table does not have");
        }
    }
}
