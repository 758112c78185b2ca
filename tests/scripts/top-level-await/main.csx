await Task.Delay(10);
var value = await Task.Run(() => 40 + 2);
Console.WriteLine($"awaited {value}");
