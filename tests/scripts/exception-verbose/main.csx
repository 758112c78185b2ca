Console.WriteLine("before the exception");
throw new InvalidOperationException("with the stack trace");
