// rule_severities "none" turns a rule off: no warning, the script runs.
var delay = Task.Delay(1);
delay.Wait();
Console.WriteLine("ran");
return 0;
