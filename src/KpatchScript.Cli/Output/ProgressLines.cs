using KpatchScript.Serialization;

namespace KpatchScript.Cli.Output;

/// <summary>
/// --progress: each progress line written at once, in the order it was reported. With --json each
/// is one compact line <c>{"progress":"LINE"}</c> on stdout, before the result document (the
/// Cockpit panel gets stdout live and stderr only at the end); otherwise
/// <c>kpatch-script: TITLE: LINE</c> on stderr through <see cref="SafeText"/> (logs, Ansible,
/// journald). Synchronous, not <see cref="Progress{T}"/>: that one posts to the thread pool, so
/// lines could come out of order or after the result.
/// </summary>
/// <remarks>
/// Writing progress never fails the operation: dnf's lines are reported from the task that drains
/// dnf's stdout, and an exception there would stop the draining. When the stream is gone (the
/// reader closed its end: EPIPE, an IOException) the writer goes quiet for good and the operation
/// runs on to its safe point; the journal records the real outcome.
/// </remarks>
internal sealed class ProgressLines(TextWriter writer, bool json, string title) : IProgress<string>
{
    private readonly Lock _gate = new();
    private bool _quiet;

    /// <summary>What the help of every verb with --progress says about it; <paramref name="title"/> as the lines show it.</summary>
    public static string HelpOf(string title) => $$"""
        --progress prints each line of progress as it comes (what dnf prints; each step and
        each second of a transition wait), also in a pipe or a log. On stderr:
        'kpatch-script: {{title}}: LINE'. With --json on stdout, each as one line
        {"progress":"LINE"} before the result document, which follows unchanged: every line
        before the document starts with {"progress":. Blank lines are left out. Without
        --progress only an interactive terminal shows progress, as a spinner on stderr.
        """;

    public void Report(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return; // dnf's blank separator lines say nothing
        }

        lock (_gate)
        {
            if (_quiet)
            {
                return;
            }

            try
            {
                writer.WriteLine(json ? OperationJson.Progress(value) : $"kpatch-script: {SafeText.Of(title)}: {SafeText.Of(value)}");
                writer.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                _quiet = true; // the reader has gone; the operation goes on
            }
        }
    }

    /// <summary>
    /// No more lines: called before the result is written, so a line reported late (by a process
    /// reader after a timeout) cannot land inside or after the result document.
    /// </summary>
    public void Complete()
    {
        lock (_gate)
        {
            _quiet = true;
        }
    }
}
