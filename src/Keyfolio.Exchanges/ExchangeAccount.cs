namespace Keyfolio.Exchanges;

/// <summary>
/// One connection as the connectors see it: where to call, with which credentials, and an opaque id the caller
/// uses to correlate calls (it is handed back to the <see cref="IExchangeCallObserver"/>). The account does not own
/// the credentials: whoever created them disposes them.
/// </summary>
public sealed record ExchangeAccount(ExchangeEndpoint Endpoint, ExchangeCredentials Credentials, string ConnectionId)
{
    public ExchangeId Exchange => Endpoint.Exchange;

    public override string ToString() => $"{Endpoint.Exchange.ToName()} connection {ConnectionId} ({Credentials})";
}
