using KpatchScript.Cli;

return await CliApp.RunAsync(args, CliEnvironment.ForConsole()).ConfigureAwait(false);
