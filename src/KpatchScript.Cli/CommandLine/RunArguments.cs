namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// The command line of <c>run</c> (and of the <c>#!</c> form, which is <c>run</c>), read the way
/// dotnet-script reads its own: kpatch-script's options stand on both sides of the script path,
/// a word that is not an option is the script's, and everything after <c>--</c> is the script's
/// as it is. Unlike dotnet-script, which hands an option it does not know to the script, such an
/// option before <c>--</c> is a usage error: a typo of a host option (<c>--dry-rum</c>) must never
/// turn into a real run, and a script's option must never be taken for the host's by accident.
/// Which options are kpatch-script's is run's <see cref="OptionTable"/>: an option added there is
/// taken after the script path too.
/// </summary>
internal sealed record RunArguments(List<string> HostOptions, string? File, List<string> ScriptArguments)
{
    public static RunArguments Split(IReadOnlyList<string> arguments, OptionTable table)
    {
        var command = table.Command;
        // Loops, not LINQ: this is on the path of every cached run, which the benchmark counts.
        var hostOptions = new List<string>(arguments.Count);
        var scriptArguments = new List<string>();
        string? file = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--")
            {
                for (i++; i < arguments.Count; i++)
                {
                    scriptArguments.Add(arguments[i]);
                }
            }
            else if (table.Find(argument) is { IsFlag: false, Global: false })
            {
                hostOptions.Add(argument);
                // A missing value (the next one an option, or "--") is left for ArgumentReader to name.
                if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    hostOptions.Add(arguments[++i]);
                }
            }
            else if (IsOption(argument, table) || (file is null && LooksLikeOption(argument)))
            {
                // Before the file an unknown option can only be meant for the host: ArgumentReader reports it as it does for every verb.
                hostOptions.Add(argument);
            }
            else if (LooksLikeOption(argument))
            {
                throw new UsageException($"unknown option '{argument}' for '{command}'; a script's own options go after '--' ({file} -- {argument}); see 'kpatch-script {command} --help'");
            }
            else if (file is null)
            {
                file = argument;
            }
            else
            {
                scriptArguments.Add(argument);
            }
        }

        return new RunArguments(hostOptions, file, scriptArguments);
    }

    /// <summary>A flag of the table, or any of its options in the <c>--name=value</c> form.</summary>
    private static bool IsOption(string argument, OptionTable table)
    {
        foreach (var option in table.Options)
        {
            if (!option.Global && (option.IsNamed(argument) ? option.IsFlag : ArgumentReader.IsWithValue(argument, option.Name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A reader over what is kpatch-script's: the file first (so that an option missing its value at the end is named as such), then the options.</summary>
    public ArgumentReader Reader(OptionTable table)
    {
        var arguments = new List<string>(HostOptions.Count + 1);
        if (File is not null)
        {
            arguments.Add(File);
        }

        arguments.AddRange(HostOptions);
        return new ArgumentReader(arguments, ScriptArguments, table);
    }

    /// <summary>"-x" and "--x" are options; "-" (stdin, by convention) and a negative number ("-1") are words.</summary>
    private static bool LooksLikeOption(string argument) =>
        argument.Length > 1 && argument[0] == '-' && !char.IsAsciiDigit(argument[1]);
}
