namespace KpatchScript.Cli.Settings;

/// <summary>
/// The settings of one verb, in the Spectre.Console.Cli style: each <c>&lt;Verb&gt;Settings</c> has a
/// static <c>Table</c> (its <see cref="CommandLine.OptionTable"/>), a static <c>Parse(ArgumentReader, …)</c>
/// that reads the values, and <see cref="Validate"/> for the rules between them.
/// </summary>
internal interface IVerbSettings
{
    /// <summary>
    /// Throws <see cref="CommandLine.UsageException"/> when options exclude each other or a value is
    /// out of range. Runs after every argument was read, so a typo is named before a rule is.
    /// </summary>
    void Validate();
}
