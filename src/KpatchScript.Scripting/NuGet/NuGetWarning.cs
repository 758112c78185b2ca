namespace KpatchScript.Scripting.NuGet;

/// <summary>A problem NuGet reports as a warning (restore goes on): the script runs, and the host prints it.</summary>
/// <param name="Code">NuGet's code, e.g. <c>NU1608</c>.</param>
/// <param name="Message">NuGet's message for it, on one line.</param>
public sealed record NuGetWarning(string Code, string Message);
