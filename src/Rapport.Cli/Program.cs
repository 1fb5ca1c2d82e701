using Rapport.Cli.Infrastructure;

return await CliApp.RunAsync(args);
