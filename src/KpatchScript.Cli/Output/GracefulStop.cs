using System.Runtime.InteropServices;

namespace KpatchScript.Cli.Output;

/// <summary>
/// For commands that change the host: SIGINT and SIGTERM ask the operation to stop at its next
/// safe point (the current dnf transaction finishes; with commands left the journal records "interrupted") instead
/// of ending the process in the middle of it. Only those commands register: the handlers cost
/// start-up time that read-only commands have no use for.
/// </summary>
internal sealed class GracefulStop : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public GracefulStop(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.Cancel();
    }
}
