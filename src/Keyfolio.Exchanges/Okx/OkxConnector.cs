using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Okx;

/// <summary>OKX v5: the trading account and the funding account, key facts from the account configuration.</summary>
internal sealed class OkxConnector(ExchangeTransport transport) : ExchangeConnector(transport, new OkxProtocol())
{
    private static readonly ExchangeCall TradingBalance = ExchangeCall.SignedGet("/api/v5/account/balance");
    private static readonly ExchangeCall FundingBalance = ExchangeCall.SignedGet("/api/v5/asset/balances");
    private static readonly ExchangeCall Config = ExchangeCall.SignedGet("/api/v5/account/config");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/v5/market/tickers", "instType=SPOT");

    public override ExchangeDescriptor Descriptor => OkxDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var trading = await SignedAsync(TradingBalance, account, OkxResponses.TradingBalances, cancellationToken).ConfigureAwait(false);
        if (!trading.IsSuccess)
        {
            return trading.FailureAs<BalanceSnapshot>();
        }

        var funding = await SignedAsync(FundingBalance, account, OkxResponses.FundingBalances, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            trading.Value.Concat(funding.Value ?? []),
            new WalletReading(WalletKind.Trading) { AccountName = "Trading account" },
            new WalletReading(WalletKind.Funding, funding.Diagnosis) { AccountName = "Funding account" }));
    }

    protected override async Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var facts = await SignedAsync(
            Config,
            account,
            root => OkxResponses.KeyFacts(root, account.Endpoint.Environment, Transport.Time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (facts.Value?.Account.AccountId is { } uid)
        {
            Transport.Budgets.LinkAccount(Exchange, account.Credentials.ApiKey, uid);
        }

        return facts;
    }

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(OkxResponses.Markets(root), assets), cancellationToken);
}
