Console.WriteLine("before the exception");
var settings = new Dictionary<string, string>();
throw new InvalidOperationException($"no setting named 'target' ({settings.Count} settings)\nsecond line is not shown");
