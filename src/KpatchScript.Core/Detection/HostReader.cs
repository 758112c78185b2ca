using System.Globalization;
using KpatchScript.Host;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>
/// Reads from a target and turns every failure into an unknown <see cref="Reading{T}"/> whose
/// reason names the path and what was wrong. Detection code never sees an exception.
/// </summary>
internal sealed class HostReader(IHostSystem host, CancellationToken cancellationToken)
{
    public IHostSystem Host => host;

    public CancellationToken CancellationToken => cancellationToken;

    public EntryKind Kind(string path)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return host.GetEntryKind(path);
        }
        catch (Exception ex) when (IsAccessFailure(ex))
        {
            return EntryKind.Other;
        }
    }

    public bool Exists(string path) => Kind(path) != EntryKind.Missing;

    public Reading<string> ReadText(string path)
    {
        // Asking first avoids an exception per absent optional file; exceptions cost start-up time.
        switch (Kind(path))
        {
            case EntryKind.Missing:
                return Reading.Unknown<string>($"{path} does not exist");
            case EntryKind.Directory:
                return Reading.Unknown<string>($"{path} is a directory, expected a file");
        }

        try
        {
            return Reading.Known(host.ReadFile(path));
        }
        catch (Exception ex) when (IsAccessFailure(ex))
        {
            // .NET reports opening a directory as "access denied"; say what it really is.
            return Kind(path) == EntryKind.Directory
                ? Reading.Unknown<string>($"{path} is a directory, expected a file")
                : Reading.Unknown<string>(Describe(ex, path));
        }
    }

    /// <summary>A one-line value such as a sysfs attribute: trimmed, and not empty.</summary>
    public Reading<string> ReadValue(string path)
    {
        var text = ReadText(path);
        return text.Then(t =>
        {
            var value = t.Trim();
            if (value.Length == 0)
            {
                return Reading.Unknown<string>($"{path} is empty");
            }

            return value.Contains('\n', StringComparison.Ordinal)
                ? Reading.Unknown<string>($"{path} holds several lines, expected one value")
                : Reading.Known(value);
        });
    }

    public Reading<long> ReadInt64(string path) =>
        (ReadValue(path)).Then(v => ParseInt64(path, v));

    public Reading<int> ReadInt32(string path) =>
        (ReadValue(path)).Then(v =>
            int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? Reading.Known(n)
                : Reading.Unknown<int>($"{path} holds '{TextClip.Clip(v)}', expected an integer"));

    /// <summary>A kernel flag attribute, which prints 0 or 1.</summary>
    public Reading<bool> ReadFlag(string path) =>
        (ReadValue(path)).Then(v => v switch
        {
            "1" => Reading.Known(true),
            "0" => Reading.Known(false),
            _ => Reading.Unknown<bool>($"{path} holds '{TextClip.Clip(v)}', expected 0 or 1"),
        });

    /// <summary>An optional attribute: null when the kernel does not have it, otherwise its reading.</summary>
    public Reading<T>? ReadOptional<T>(string path, Func<string, Reading<T>> read)
    {
        var kind = Kind(path);
        return kind == EntryKind.Missing ? null : read(path);
    }

    public Reading<IReadOnlyList<DirectoryEntry>> List(string path)
    {
        try
        {
            return Reading.Known(host.ListDirectory(path));
        }
        catch (Exception ex) when (IsAccessFailure(ex))
        {
            return Reading.Unknown<IReadOnlyList<DirectoryEntry>>(Describe(ex, path));
        }
    }

    /// <summary>The subdirectories among listed <paramref name="entries"/>. A loop, not LINQ: detection is status's start-up path.</summary>
    public static List<DirectoryEntry> Directories(IReadOnlyList<DirectoryEntry> entries)
    {
        var directories = new List<DirectoryEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Kind == EntryKind.Directory)
            {
                directories.Add(entry);
            }
        }

        return directories;
    }

    /// <summary>Runs a read-only command given as its arguments.</summary>
    public Reading<CommandResult> Run(params string[] arguments) => Run(CommandSpec.Query(arguments));

    /// <summary>Runs a command; a non-zero exit is still a known result, not being able to run is not.</summary>
    public Reading<CommandResult> Run(CommandSpec command)
    {
        try
        {
            return Reading.Known(host.Run(command, cancellationToken));
        }
        catch (HostSystemException ex)
        {
            return Reading.Unknown<CommandResult>(ex.Message);
        }
        catch (Exception ex) when (IsAccessFailure(ex))
        {
            return Reading.Unknown<CommandResult>($"cannot run {command}: {ex.Message}");
        }
    }

    public static Reading<long> ParseInt64(string what, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? Reading.Known(n)
            : Reading.Unknown<long>($"{what} holds '{TextClip.Clip(value)}', expected an integer");

    private static bool IsAccessFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or HostSystemException or NotSupportedException or ArgumentException;

    private static string Describe(Exception ex, string path) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"{path} does not exist",
        UnauthorizedAccessException => $"permission denied reading {path} (run as root)",
        HostSystemException => ex.Message,
        _ => $"cannot read {path}: {ex.Message}",
    };
}
