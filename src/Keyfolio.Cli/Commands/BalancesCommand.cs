using System.CommandLine;
using System.Text;
using Keyfolio.Cli.Output;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Sync;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio balances</c>: the portfolio from the stored snapshots, or refreshed first with --refresh.</summary>
internal static class BalancesCommand
{
    public static Command Create()
    {
        var refresh = new Option<bool>("--refresh") { Description = "Read every connection's balances from the exchanges first (asks for the master password)." };
        var csv = new Option<FileInfo?>("--csv") { Description = "Also write every holding to this CSV file.", HelpName = "FILE" };
        var command = new Command("balances", "Show holdings by asset and by connection, valued in USD. Without --refresh it reads the stored snapshots and needs no password; stale values are marked.")
        {
            refresh, csv,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (parse.GetValue(refresh))
            {
                if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
                {
                    return locked;
                }

                await session.WithSpinnerAsync(Texts.Refreshing, () => session.Get<SyncService>().RefreshAllAsync(cancellationToken)).ConfigureAwait(false);
            }

            var portfolio = session.Get<PortfolioService>();
            if (parse.GetValue(csv) is { } file)
            {
                if (Directory.Exists(file.FullName))
                {
                    return await session.FailAsync(CliErrors.IsDirectory(file.FullName, "csv", "balances.csv")).ConfigureAwait(false);
                }

                try
                {
                    await using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    await portfolio.WriteCsvAsync(writer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
                {
                    return await session.FailAsync(CliErrors.CannotWrite(file.FullName, "csv", exception)).ConfigureAwait(false);
                }
            }

            var summary = await portfolio.GetAsync(cancellationToken).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(Views.ToJson(summary, session.Culture));
            }
            else if (summary.ByConnection.Count == 0)
            {
                session.Line(Texts.NoConnections.For(session.Culture));
            }
            else
            {
                Views.WritePortfolio(summary, session);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
