// System.Threading is not among the implicit usings (as in dotnet-script): Thread needs a using.
Thread.Sleep(1);
