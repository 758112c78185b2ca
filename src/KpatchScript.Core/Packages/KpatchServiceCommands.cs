using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;

namespace KpatchScript.Packages;

/// <summary>The systemctl command lines that enable or disable kpatch.service, as argument vectors.</summary>
internal static class KpatchServiceCommands
{
    /// <summary>
    /// <c>systemctl enable|disable --now kpatch.service</c> on the target. In an install root the unit
    /// files are changed with <c>--root</c>, which cannot start or stop anything (systemctl refuses
    /// <c>--now</c> there), and starting the root's service on this machine would be wrong anyway.
    /// Null for <see cref="KpatchServiceChange.Keep"/>.
    /// </summary>
    public static CommandSpec? Change(string? installRoot, KpatchServiceChange change)
    {
        var verb = change switch
        {
            KpatchServiceChange.Enable => "enable",
            KpatchServiceChange.Disable => "disable",
            _ => null,
        };
        if (verb is null)
        {
            return null;
        }

        string[] arguments = installRoot is null
            ? ["systemctl", verb, "--now", KnownPaths.KpatchUnit]
            : ["systemctl", $"--root={installRoot}", verb, KnownPaths.KpatchUnit];
        return new CommandSpec(arguments, Mutates: true);
    }

    /// <summary>systemctl's own first error line ("Failed to enable unit: ..."), with the command it came from.</summary>
    public static string? FailureOf(CommandSpec command, CommandResult result) =>
        result.Succeeded ? null : $"'{command}' failed: {result.FirstErrorLine}";
}
