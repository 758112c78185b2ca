// Ignores Kpatch.Cancellation: the host gives up on it after the grace period.
Console.WriteLine("sleeping");
System.Threading.Thread.Sleep(TimeSpan.FromMinutes(1));
Console.WriteLine("not reached");
