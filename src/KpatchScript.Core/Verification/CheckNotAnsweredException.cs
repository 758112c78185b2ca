namespace KpatchScript.Verification;

/// <summary>
/// Thrown by a check the host runs isolated (a plugin's, in a process of its plugin's) when it got
/// no answer: the process ended or crashed, the check did not answer in time, or the plugin could
/// not be loaded to run it. The verification is then incomplete: the check counts as failed in
/// the verdict (an unknown is never an all-clear) and verify exits UNKNOWN (3) naming the plugin,
/// as a Nagios plugin that could not run its check does. What a plugin's code throws in its own
/// process reaches the host as a message, not as this type, so no plugin can choose UNKNOWN.
/// </summary>
public sealed class CheckNotAnsweredException(string detail) : Exception(detail);
