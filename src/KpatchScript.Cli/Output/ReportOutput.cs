using KpatchScript.Host;
using KpatchScript.IO;
using KpatchScript.Reporting.Rendering;

namespace KpatchScript.Cli.Output;

/// <summary>What report and alerts share: rendering errors and file writes as one line, output to stdout or, whole or not at all, to --out.</summary>
internal static class ReportOutput
{
    /// <summary>Runs <paramref name="render"/>; a template or file failure becomes the one-line error of the CLI (the stack trace only with --verbose).</summary>
    public static T Guard<T>(Func<T> render)
    {
        try
        {
            return render();
        }
        catch (TemplateException ex)
        {
            throw new HostSystemException(ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new HostSystemException(ex.Message, ex);
        }
    }

    /// <summary>Prints <paramref name="text"/>, or writes it to <paramref name="outFile"/> atomically (a temporary file renamed over it: never half a file).</summary>
    public static void Write(CliEnvironment environment, string text, string? outFile)
    {
        if (outFile is null)
        {
            environment.Out.Write(text.EndsWith('\n') ? text : text + "\n");
            return;
        }

        Guard(() =>
        {
            AtomicFile.Write(outFile, text);
            return 0;
        });
    }

    /// <summary>
    /// Writes the bytes <paramref name="write"/> writes: to <paramref name="outFile"/> as they come
    /// (atomically; a 100,000-host fleet report is never one string), or, whole, to stdout (a
    /// failure half-way prints nothing there).
    /// </summary>
    public static void Write(CliEnvironment environment, Action<Stream> write, string? outFile)
    {
        if (outFile is null)
        {
            using var buffer = new MemoryStream();
            Guard(() =>
            {
                write(buffer);
                return 0;
            });
            Write(environment, System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), outFile: null);
            return;
        }

        Guard(() =>
        {
            AtomicFile.Write(outFile, write);
            return 0;
        });
    }

    /// <summary>--templates DIR must exist: a typo there would silently fall back to the shipped templates.</summary>
    public static string? TemplatesOption(string? directory) =>
        directory is null || Directory.Exists(directory) ? directory : throw new CommandLine.UsageException($"--templates {directory}: no such directory");
}
