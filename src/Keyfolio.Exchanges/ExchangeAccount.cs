namespace Keyfolio.Exchanges;

/// <summary>
/// One connection as the connectors see it: where to call, with which credentials, and an opaque id the caller
/// uses to correlate calls (it is handed back to the <see cref="IExchangeCallObserver"/>). The account does not own
/// the credentials: whoever created them disposes them.
/// </summary>
public sealed record ExchangeAccount(ExchangeEndpoint Endpoint, ExchangeCredentials Credentials, string ConnectionId)
{
    public ExchangeId Exchange => Endpoint.Exchange;

    /// <summary>The sub-accounts (their <see cref="SubAccount.Id"/>) to read beside the master account's wallets, where
    /// the exchange offers it (<see cref="ExchangeDescriptor.SubAccounts"/>). Empty: the master account alone.</summary>
    public IReadOnlyList<string> SubAccounts { get; init; } = [];

    public override string ToString() => $"{Endpoint.Exchange.ToName()} connection {ConnectionId} ({Credentials})";
}
