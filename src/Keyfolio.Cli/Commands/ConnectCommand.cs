using System.CommandLine;
using Keyfolio.Cli.Input;
using Keyfolio.Cli.Output;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Exchanges;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio connect &lt;exchange&gt;</c>: adds a connection after verifying its key.</summary>
internal static class ConnectCommand
{
    public static Command Create()
    {
        var exchange = ExchangeArgument.Create();
        var label = new Option<string?>("--label") { Description = "A name for the connection, unique among yours (default: the exchange's name)." };
        var region = new Option<string?>("--region") { Description = "The exchange's regional site: " + RegionalSites() + "." };
        var environment = new Option<string>("--environment") { Description = "live, testnet or demo.", DefaultValueFactory = _ => "live" };
        environment.AcceptOnlyFromAmong("live", "testnet", "demo");
        var apiUrl = new Option<string?>("--api-url") { Description = "Call this base URL instead of the exchange: a proxy over https, or the Keyfolio simulator over http on this machine's loopback address.", HelpName = "URL" };
        var options = new ConnectionInputOptions();
        var command = new Command("connect", "Add a connection: check the key's format, verify it with the exchange, refuse keys that can withdraw, store it encrypted and read its balances.")
        {
            exchange, label, region, environment, apiUrl,
        };
        options.AddTo(command);
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (await ExchangeArgument.ParseAsync(session, parse.GetValue(exchange)!).ConfigureAwait(false) is not { } id)
            {
                return ExitCodes.Usage;
            }

            if (CredentialReader.RefuseSecretArgument(options.QrTextFrom(parse)) is { } secretArgument)
            {
                return await session.FailAsync(secretArgument).ConfigureAwait(false);
            }

            var descriptor = ExchangeCatalog.Get(id);
            Uri? customUrl = null;
            if (parse.GetValue(apiUrl) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out customUrl))
            {
                return await session.FailAsync(new Core.CoreError(
                    Core.CoreErrorKind.BadInput,
                    Texts.Of("ApiUrlIsNotAn", url),
                    Texts.Of("GiveItAsHttpsHost"))
                { Field = "apiUrl" }).ConfigureAwait(false);
            }

            if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
            {
                return locked;
            }

            var read = await CredentialReader.ReadAsync(session, descriptor, parse.GetValue(options.CredentialsStdin), options.QrTextFrom(parse), Console.In).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return await session.FailAsync(read.Error).ConfigureAwait(false);
            }

            using var credentials = read.Value;
            var name = parse.GetValue(label) ?? descriptor.DisplayName;
            var request = new AddConnectionRequest(id, name, credentials)
            {
                Region = parse.GetValue(region),
                Environment = Enum.Parse<ExchangeEnvironment>(parse.GetValue(environment)!, ignoreCase: true),
                CustomBaseUrl = customUrl,
                AllowWithdrawal = parse.GetValue(options.AllowWithdrawal),
                WithdrawalConfirmation = options.Confirmation(session, parse, name),
            };
            var added = await session.WithSpinnerAsync(Texts.Verifying, () => session.Get<AddConnectionCommand>().AddAsync(request, cancellationToken)).ConfigureAwait(false);
            if (!added.IsSuccess)
            {
                return await session.FailAsync(added.Error).ConfigureAwait(false);
            }

            if (session.Json)
            {
                session.WriteJson(Views.ToJson(added.Value, session.Culture));
            }
            else
            {
                Views.WriteConnection(added.Value, session);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every exchange with more than one regional site, with its regions: <c>Binance com|us, …</c>.</summary>
    private static string RegionalSites() =>
        string.Join(", ", ExchangeCatalog.All.Where(d => d.Regions.Count > 1).Select(d => d.DisplayName + " " + string.Join('|', d.Regions)));
}
