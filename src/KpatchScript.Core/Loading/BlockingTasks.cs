using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Status;

namespace KpatchScript.Loading;

/// <summary>
/// Names the tasks a transition waits for, in one line: command, pid, tid and where in the
/// kernel each one is. A task blocks because a function the patch replaces is on its stack, so
/// that frame is named when the stack is readable (root only); otherwise the top frame.
/// </summary>
internal static class BlockingTasks
{
    public static string Describe(HostReader reader, Reading<IReadOnlyList<TransitionTask>> tasks)
    {
        if (!tasks.IsKnown)
        {
            return $"the blocking tasks cannot be read: {tasks.UnknownReason}";
        }

        if (tasks.Value!.Count == 0)
        {
            return "no blocking task found";
        }

        var functions = tasks.Value.Select(t => t.Patch).Distinct().ToDictionary(p => p, p => PatchedFunctions(reader, p), StringComparer.Ordinal);
        return "waiting for " + string.Join(", ", tasks.Value.Select(t => $"{t.Command.GetValueOrDefault("?")} (pid {t.Pid}, tid {t.Tid}){Where(reader, t, functions[t.Patch])}"));
    }

    /// <summary>The functions a patch replaces: the <c>func,sympos</c> directories under its objects.</summary>
    private static HashSet<string> PatchedFunctions(HostReader reader, string patch)
    {
        var functions = new HashSet<string>(StringComparer.Ordinal);
        var directory = $"{KnownPaths.Livepatch}/{patch}";
        foreach (var entry in reader.List(directory).GetValueOrDefault([])!.Where(e => e.Kind == EntryKind.Directory))
        {
            foreach (var function in reader.List($"{directory}/{entry.Name}").GetValueOrDefault([])!.Where(e => e.Kind == EntryKind.Directory))
            {
                functions.Add(function.Name.Split(',')[0]);
            }
        }

        return functions;
    }

    private static string Where(HostReader reader, TransitionTask task, HashSet<string> patched)
    {
        var stack = reader.ReadText($"{KnownPaths.Proc}/{task.Pid}/task/{task.Tid}/stack");
        if (!stack.IsKnown)
        {
            return "";
        }

        // "[<0>] lab_stall_wait+0x2a/0x40 [lab_stall_target]"
        var frames = stack.Value!.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.StartsWith("[<", StringComparison.Ordinal) && l.IndexOf("] ", StringComparison.Ordinal) is var end and > 0 ? l[(end + 2)..] : l).ToList();
        var inPatched = frames.FirstOrDefault(f => patched.Contains(f.Split('+')[0]));
        return inPatched is not null ? $" in {inPatched}" : frames.Count > 0 ? $" in {frames[0]}" : "";
    }
}
