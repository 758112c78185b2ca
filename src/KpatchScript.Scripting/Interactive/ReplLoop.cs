using System.Text;

namespace KpatchScript.Scripting.Interactive;

/// <summary>
/// Reads submissions line by line as dotnet-script's REPL does: lines gather until they make a
/// whole submission (an open brace or statement continues on the next line), then it runs.
/// <c>#exit</c> ends the session, <c>#reset</c> starts it again, <c>#cls</c> clears the screen.
/// End of input ends it too (what is gathered still runs). The prompts (<c>&gt; </c>, and
/// <c>* </c> while a submission continues) are written only to a terminal, so redirected output
/// holds only what the submissions print.
/// </summary>
public static class ReplLoop
{
    /// <param name="session">Runs the submissions.</param>
    /// <param name="input">The lines (stdin).</param>
    /// <param name="output">Where prompts go (stdout).</param>
    /// <param name="prompts">Whether input comes from a terminal.</param>
    /// <param name="cancellationToken">Ctrl+C: the loop ends with <see cref="OperationCanceledException"/>, also while it waits for a line.</param>
    public static void Run(ReplSession session, TextReader input, TextWriter output, bool prompts, CancellationToken cancellationToken)
    {
        var gathered = new StringBuilder();
        while (true)
        {
            if (prompts)
            {
                output.Write(gathered.Length == 0 ? "> " : "* ");
                output.Flush();
            }

            var line = ReadLine(input, cancellationToken);
            if (line is null)
            {
                Submit(session, gathered);
                return;
            }

            if (gathered.Length == 0)
            {
                switch (line.Trim())
                {
                    case "#exit":
                        return;
                    case "#reset":
                        session.Reset();
                        continue;
                    case "#cls":
                        if (prompts)
                        {
                            output.Write("\u001b[H\u001b[2J"); // home, then erase the screen: what Console.Clear sends to a terminal
                        }

                        continue;
                }
            }

            gathered.Append(line).Append('\n');
            if (ReplSession.IsComplete(gathered.ToString()))
            {
                Submit(session, gathered);
            }
        }
    }

    private static void Submit(ReplSession session, StringBuilder gathered)
    {
        var code = gathered.ToString();
        gathered.Clear();
        if (!string.IsNullOrWhiteSpace(code))
        {
            session.Submit(code);
        }
    }

    /// <summary>A line, or null at the end of input; read on the thread pool so that Ctrl+C ends a wait for a line that never comes.</summary>
    private static string? ReadLine(TextReader input, CancellationToken cancellationToken)
    {
        var read = Task.Run(input.ReadLine, CancellationToken.None);
        read.Wait(cancellationToken);
        return read.Result;
    }
}
