using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Bittrex;

/// <summary>
/// Bittrex v3. The exchange closed in December 2023: against its own host no call is made and every method answers
/// "exchange closed"; against a custom base URL (a simulator, an archive) it reads balances and the account.
/// </summary>
internal sealed class BittrexConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BittrexProtocol())
{
    private static readonly ExchangeCall Balances = ExchangeCall.SignedGet("/v3/balances");
    private static readonly ExchangeCall Account = ExchangeCall.SignedGet("/v3/account");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/v3/markets/tickers");

    public override ExchangeDescriptor Descriptor => BittrexDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var balances = await SignedAsync(Balances, account, BittrexResponses.Balances, cancellationToken).ConfigureAwait(false);
        return balances.IsSuccess
            ? ExchangeResult<BalanceSnapshot>.Success(Snapshot(balances.Value, new WalletReading(WalletKind.Spot)))
            : balances.FailureAs<BalanceSnapshot>();
    }

    protected override Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(Account, account, BittrexResponses.KeyFacts, cancellationToken);

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(BittrexResponses.Markets(root), assets), cancellationToken);
}
