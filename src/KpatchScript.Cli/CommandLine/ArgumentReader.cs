namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// A small reader for <c>--flag</c>, <c>--option value</c> and <c>--option=value</c>. Settings
/// classes pull what they know; whatever is left over is reported as an error, so a typo never
/// passes silently. Hand-written because of a measured reason: System.CommandLine 2.0 declaring our
/// 17 verbs and parsing one line adds 8.8 ms to a process's start-up (36.2 ms against 27.4 ms, 1.32x,
/// 2026-12-06), two thirds of what <c>status</c> may add to a hello-world under its 1.5x goal. The
/// benchmark row "System.CommandLine 2.0, 17 verbs" (tests/benchmarks/CommandLineProbe) measures it again.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly List<string> _remaining;

    public ArgumentReader(IEnumerable<string> arguments, string command)
    {
        // Not a collection expression: spreading an IEnumerable pulls in System.Linq, one more
        // assembly load on the cached 'run' path that the benchmark counts.
        _remaining = new List<string>(arguments);
        Command = command;
    }

    public string Command { get; }

    public bool Flag(string name)
    {
        var found = false;
        for (var i = _remaining.Count - 1; i >= 0; i--)
        {
            if (_remaining[i] == name)
            {
                _remaining.RemoveAt(i);
                found = true;
            }
            else if (_remaining[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                throw new UsageException($"{name} takes no value; see 'kpatch-script {Command} --help'");
            }
        }

        return found;
    }

    public string? Option(string name)
    {
        string? value = null;
        for (var i = 0; i < _remaining.Count; i++)
        {
            if (_remaining[i] == name)
            {
                if (i + 1 >= _remaining.Count || _remaining[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{name} needs a value; see 'kpatch-script {Command} --help'");
                }

                value = _remaining[i + 1];
                _remaining.RemoveRange(i, 2);
                i--;
            }
            else if (_remaining[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                value = _remaining[i][(name.Length + 1)..];
                _remaining.RemoveAt(i);
                i--;
            }
        }

        return value;
    }

    /// <summary>Every value of an option that may be repeated (<c>--source A --source B</c>).</summary>
    public IReadOnlyList<string> Options(string name)
    {
        var values = new List<string>();
        for (var i = 0; i < _remaining.Count; i++)
        {
            if (_remaining[i] == name || _remaining[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                // Option() takes the last occurrence; take them one by one from the front instead.
                var rest = new ArgumentReader(_remaining.GetRange(i, Math.Min(_remaining[i] == name ? 2 : 1, _remaining.Count - i)), Command);
                values.Add(rest.Option(name)!);
                _remaining.RemoveRange(i, _remaining[i] == name ? 2 : 1);
                i--;
            }
        }

        return values;
    }

    /// <summary>The one positional argument, taken after the options (so an option's value is never mistaken for it).</summary>
    public string Argument(string what)
    {
        var index = _remaining.FindIndex(a => !a.StartsWith('-'));
        if (index < 0)
        {
            throw new UsageException($"{Command} needs {what}; see 'kpatch-script {Command} --help'");
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
}
