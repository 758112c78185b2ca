using KpatchScript.Detection;
using KpatchScript.Status;

namespace KpatchScript.Loading;

/// <summary>Names the tasks a transition waits for, in one line: command, pid, tid and the top of the kernel stack where readable.</summary>
internal static class BlockingTasks
{
    public static string Describe(HostReader reader, Reading<IReadOnlyList<TransitionTask>> tasks) =>
        !tasks.IsKnown
            ? $"the blocking tasks cannot be read: {tasks.UnknownReason}"
            : tasks.Value!.Count == 0
                ? "no blocking task found"
                : "waiting for " + string.Join(", ", tasks.Value.Select(t => $"{t.Command.GetValueOrDefault("?")} (pid {t.Pid}, tid {t.Tid}){Stack(reader, t)}"));

    /// <summary>The first frame of the task's kernel stack (root only; absent where the kernel hides it).</summary>
    private static string Stack(HostReader reader, TransitionTask task)
    {
        var stack = reader.ReadText($"{KnownPaths.Proc}/{task.Pid}/task/{task.Tid}/stack");
        var first = stack.IsKnown ? stack.Value!.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
        return first is null ? "" : $" in {first.Replace("[<0>] ", "", StringComparison.Ordinal)}";
    }
}
