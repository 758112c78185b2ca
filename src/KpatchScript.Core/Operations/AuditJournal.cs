using KpatchScript.Host;
using KpatchScript.Serialization;

namespace KpatchScript.Operations;

/// <summary>
/// The audit journal on the target: one JSON object per line, each appended in one write and
/// flushed to disk (fsync) before the operation goes on or reports (<see cref="IHostSystem.AppendLine"/>,
/// which also closes a line a crash left torn, so the next record stands on its own line). Each operation writes a <c>started</c> record before its first
/// command and an end record (<c>succeeded</c>, <c>unchanged</c>, <c>failed</c> or <c>interrupted</c>)
/// after its last; a <c>started</c> id with no end record is an operation that was killed.
/// </summary>
internal sealed class AuditJournal(IHostSystem host, string path, TimeProvider time)
{
    public string Path => path;

    public void Started(string id, OperationRecord record) => Append(id, "started", record, error: null, duration: null);

    public void Ended(string id, OperationRecord record, string outcome, string? error, TimeSpan duration, string? detail = null) =>
        Append(id, outcome, record, error, duration, detail);

    private void Append(string id, string outcome, OperationRecord record, string? error, TimeSpan? duration, string? detail = null)
    {
        var w = new JsonTextBuilder(indented: false);
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("time", time.GetUtcNow());
            w.WriteString("outcome", outcome);
            w.WriteString("operation", record.Operation);
            w.WriteString("target", record.Target);
            if (record.InstallRoot is { } root)
            {
                w.WriteString("install_root", root);
            }

            if (record.KernelRelease is { } release)
            {
                w.WriteString("kernel_release", release);
            }

            w.WriteString("user", Environment.UserName);
            if (Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudoUser)
            {
                w.WriteString("sudo_user", sudoUser);
            }

            w.WriteNumber("pid", Environment.ProcessId);
            CommandJson.WriteArgumentVectors(w, "commands", record.Commands);
            if (error is not null)
            {
                w.WriteString("error", error);
            }

            if (detail is not null)
            {
                w.WriteString("detail", detail);
            }

            if (duration is { } d)
            {
                w.WriteNumber("duration_ms", (long)Math.Round(d.TotalMilliseconds));
            }

            w.WriteEndObject();
        }

        try
        {
            host.AppendLine(path, w.ToString());
        }
        catch (Exception ex) when (ex is HostSystemException or IOException or UnauthorizedAccessException)
        {
            // An operation that cannot be journaled does not run (or does not report success).
            throw new HostSystemException($"cannot write the audit journal {path}{HostLock.On(host)}: {ex.Message}");
        }
    }
}

/// <summary>What the journal says about an operation.</summary>
internal sealed record OperationRecord(string Operation, string Target, string? InstallRoot, string? KernelRelease, IReadOnlyList<CommandSpec> Commands);
