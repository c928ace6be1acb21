using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Bitfinex;

/// <summary>
/// Bitfinex v2: exchange, margin and funding wallets from one call, the margin wallet at its equity with the profit and
/// loss of the active positions when it holds anything; key facts from the key's permissions.
/// </summary>
internal sealed class BitfinexConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BitfinexProtocol(transport.Nonces))
{
    private static readonly ExchangeCall Wallets = new(HttpMethod.Post, "/v2/auth/r/wallets", Body: "{}");
    private static readonly ExchangeCall Positions = new(HttpMethod.Post, "/v2/auth/r/positions", Body: "{}");
    private static readonly ExchangeCall Permissions = new(HttpMethod.Post, "/v2/auth/r/permissions", Body: "{}");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/v2/tickers", "symbols=ALL");

    /// <summary>The key permission the positions need, as Bitfinex's permissions call names the scope.</summary>
    internal const string PositionsRight = "positions (read)";

    public override ExchangeDescriptor Descriptor => BitfinexDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var wallets = await SignedAsync(Wallets, account, BitfinexResponses.Wallets, cancellationToken).ConfigureAwait(false);
        if (!wallets.IsSuccess)
        {
            return wallets.FailureAs<BalanceSnapshot>();
        }

        var spot = new WalletReading(WalletKind.Spot) { AccountName = "exchange" };
        var funding = new WalletReading(WalletKind.Funding) { AccountName = "funding" };

        // A position, margin or derivatives, is backed by collateral in the margin wallet: an empty margin wallet has none,
        // and its positions are not asked. Otherwise they are, after the wallets — each call carries the key's next nonce,
        // and one that overtakes another is refused.
        if (!wallets.Value.Any(b => b.Wallet == WalletKind.Margin && b.Total != 0m))
        {
            return ExchangeResult<BalanceSnapshot>.Success(Snapshot(wallets.Value, spot, new WalletReading(WalletKind.Margin) { AccountName = "margin" }, funding));
        }

        var positions = await SignedAsync(Positions, account, BitfinexResponses.PositionsPl, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<BalanceSnapshot>.Success(positions.IsSuccess
            ? Snapshot(BitfinexResponses.WithPositions(wallets.Value, positions.Value), spot, new WalletReading(WalletKind.Margin) { AccountName = "margin" }, funding)
            : Snapshot(wallets.Value.Where(b => b.Wallet != WalletKind.Margin), spot, Reading(WalletKind.Margin, positions, PositionsRight, "margin"), funding));
    }

    protected override Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(Permissions, account, BitfinexResponses.KeyFacts, cancellationToken);

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(BitfinexResponses.Markets(root), assets), cancellationToken);
}
