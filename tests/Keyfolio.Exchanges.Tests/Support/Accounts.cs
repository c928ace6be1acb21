namespace Keyfolio.Exchanges.Tests.Support;

internal static class Accounts
{
    public static ExchangeAccount For(ExchangeId exchange, string apiKey, string secret, string? passphrase = null, ExchangeEndpoint? endpoint = null) =>
        new(endpoint ?? new ExchangeEndpoint(exchange), new ExchangeCredentials(apiKey, secret, passphrase), "test-connection");
}
