using KpatchScript.Scripting.Compilation;
using KpatchScript.Status;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// The configuration file, parsed and checked once by <see cref="ConfigFile.Load"/>, in the sections
/// its readers take: the facade's settings, the option defaults, the reporting keys and the script
/// host's rules (with the banned-API list's text, read when the file was checked).
/// </summary>
internal sealed record SiteConfig
{
    /// <summary>No configuration file: every default.</summary>
    public static SiteConfig None { get; } = new();

    public KpatchSettings Facade { get; init; } = new();

    public CommandDefaults Defaults { get; init; } = CommandDefaults.None;

    // The next two are null until a key sets them, and their defaults are made when asked: building
    // them loads the reporting and scripting assemblies, which status without those keys never needs.
    public ReportingConfig Reporting { get => field ?? ReportingConfig.None; init; }

    public ScriptRules ScriptRules { get => field ?? ScriptRules.Default; init; }
}
