using System.Runtime.InteropServices;
using KpatchScript.Cli;

// SIGINT and SIGTERM ask the running command to stop at its next safe point (a package
// operation finishes its current dnf transaction and journals "interrupted") instead of
// ending the process in the middle of it.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return CliApp.Run(args, CliEnvironment.ForConsole(), stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
