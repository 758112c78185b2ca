namespace KpatchScript.Scripting;

/// <summary>A script that cannot run: the message is what the user sees, one line per problem, in compiler-diagnostic form where a file and line are known.</summary>
public sealed class ScriptException(string message) : Exception(message);
