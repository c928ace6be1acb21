using Keyfolio.Cli;

return KeyfolioCommandLine.Run(args);
