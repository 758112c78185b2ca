using KpatchScript;

// Observes Kpatch.Cancellation: stops as soon as --timeout cancels it.
try
{
    await Task.Delay(TimeSpan.FromMinutes(1), Kpatch.Cancellation);
    Console.WriteLine("not reached");
}
catch (OperationCanceledException)
{
    Console.WriteLine("cancelled, cleaning up");
}
