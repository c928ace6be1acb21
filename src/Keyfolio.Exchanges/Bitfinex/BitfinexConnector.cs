using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Bitfinex;

/// <summary>Bitfinex v2: exchange, margin and funding wallets from one call; key facts from the key's permissions.</summary>
internal sealed class BitfinexConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BitfinexProtocol(transport.Nonces))
{
    private static readonly ExchangeCall Wallets = new(HttpMethod.Post, "/v2/auth/r/wallets", Body: "{}");
    private static readonly ExchangeCall Permissions = new(HttpMethod.Post, "/v2/auth/r/permissions", Body: "{}");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/v2/tickers", "symbols=ALL");

    public override ExchangeDescriptor Descriptor => BitfinexDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var wallets = await SignedAsync(Wallets, account, BitfinexResponses.Wallets, cancellationToken).ConfigureAwait(false);
        return wallets.IsSuccess
            ? ExchangeResult<BalanceSnapshot>.Success(Snapshot(
                wallets.Value,
                new WalletReading(WalletKind.Spot) { AccountName = "exchange" },
                new WalletReading(WalletKind.Margin) { AccountName = "margin" },
                new WalletReading(WalletKind.Funding) { AccountName = "funding" }))
            : wallets.FailureAs<BalanceSnapshot>();
    }

    protected override Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(Permissions, account, BitfinexResponses.KeyFacts, cancellationToken);

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(BitfinexResponses.Markets(root), assets), cancellationToken);
}
