// A warning-severity rule prints and the script still runs.
var delay = Task.Delay(1);
delay.Wait();
Console.WriteLine("ran");
return 0;
