using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Binance;

/// <summary>Binance spot: balances from the spot account and the funding wallet, key facts from the API restrictions.</summary>
internal sealed class BinanceConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BinanceProtocol())
{
    private static readonly ExchangeCall Account = ExchangeCall.SignedGet("/api/v3/account", "omitZeroBalances=true", cost: 20);
    private static readonly ExchangeCall Funding = new(HttpMethod.Post, "/sapi/v1/asset/get-funding-asset");
    private static readonly ExchangeCall Restrictions = ExchangeCall.SignedGet("/sapi/v1/account/apiRestrictions");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/v3/ticker/price", cost: 4);

    public override ExchangeDescriptor Descriptor => BinanceDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var spot = await SignedAsync(Account, account, BinanceResponses.SpotBalances, cancellationToken).ConfigureAwait(false);
        if (!spot.IsSuccess)
        {
            return spot.Diagnosis.ExchangeCode == BinanceErrors.RejectedKey
                ? ExchangeResult<BalanceSnapshot>.Failure(await DisambiguateRejectedKeyAsync(account, spot.Diagnosis, cancellationToken).ConfigureAwait(false))
                : spot.FailureAs<BalanceSnapshot>();
        }

        var funding = await SignedAsync(Funding, account, BinanceResponses.FundingBalances, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            spot.Value.Concat(funding.Value ?? []),
            new WalletReading(WalletKind.Spot) { AccountName = "Spot" },
            new WalletReading(WalletKind.Funding, funding.Diagnosis) { AccountName = "Funding" }));
    }

    protected override Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(Restrictions, account, BinanceResponses.KeyFacts, cancellationToken);

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(BinanceResponses.Markets(root), assets), cancellationToken);

    /// <summary>
    /// <c>-2015</c> means an unknown key, a refused IP or a missing permission. The API restrictions need only the
    /// read right: when they answer, key and IP are fine and the first call lacked a permission.
    /// </summary>
    private async Task<Diagnosis> DisambiguateRejectedKeyAsync(ExchangeAccount account, Diagnosis rejected, CancellationToken cancellationToken)
    {
        var facts = await ReadKeyFactsAsync(account, cancellationToken).ConfigureAwait(false);
        if (!facts.IsSuccess)
        {
            return facts.Diagnosis.ExchangeCode == BinanceErrors.RejectedKey ? rejected : facts.Diagnosis;
        }

        return rejected with
        {
            Category = DiagnosisCategory.MissingPermission,
            OtherPossibleCauses = [],
            Explanation = new LocalizedText(
                "The key is valid and this host's IP address is allowed, but the key lacks a permission Keyfolio needs to read balances.",
                "密钥有效且本机 IP 被允许，但该密钥缺少 Keyfolio 读取余额所需的权限。"),
            Fix = new LocalizedText(
                "On Binance's API-management page, edit the key and tick \"Enable Reading\".",
                "请在币安 API 管理页面编辑该密钥，勾选“允许读取”（Enable Reading）。"),
        };
    }
}
