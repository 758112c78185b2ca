namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// A word of a verb's command line that is not an option (<c>MODULE.ko</c>, <c>on|off|status</c>),
/// or what follows the options (<c>[-- ARGS...]</c>): a row of its <see cref="OptionTable"/> like the options.
/// </summary>
/// <param name="Name">As usage shows it.</param>
/// <param name="What">What a missing one is called in the error: "&lt;verb&gt; needs the path of a .ko file".</param>
/// <param name="Help">For the "Arguments:" section of <c>--help</c>.</param>
internal sealed record PositionalArgument(string Name, string What, string Help)
{
    /// <summary>Shown after the options in usage (a script's words and <c>-- ARGS</c>), before them otherwise.</summary>
    public bool AfterOptions { get; init; }
}
