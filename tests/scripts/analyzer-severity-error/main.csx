// rule_severities in the configuration makes a warning rule an error: the script does not run.
var delay = Task.Delay(1);
delay.Wait();
Console.WriteLine("ran");
return 0;
