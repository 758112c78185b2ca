namespace KpatchScript.Cli.CommandLine;

/// <summary>The command line is wrong. The message says what and what to do instead.</summary>
internal sealed class UsageException(string message) : Exception(message);
