using Keyfolio.Cli;

return KeyfolioCommandLine.Build().Parse(args).Invoke();
