using KpatchScript.Cli;

return CliApp.Run(args, CliEnvironment.ForConsole());
