using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Bybit;

/// <summary>
/// Bybit V5: the unified trading account, the funding account and Earn (flexible savings, on-chain staking), read at
/// once; the account mode decides whether an older account also has its contract wallet (UTA 1.0) or keeps classic spot
/// and contract wallets. Key facts from the key's own description.
/// </summary>
internal sealed class BybitConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BybitProtocol())
{
    private static readonly ExchangeCall Unified = ExchangeCall.SignedGet("/v5/account/wallet-balance", "accountType=UNIFIED");
    private static readonly ExchangeCall Contract = ExchangeCall.SignedGet("/v5/account/wallet-balance", "accountType=CONTRACT");
    private static readonly ExchangeCall ClassicSpot = ExchangeCall.SignedGet("/v5/account/wallet-balance", "accountType=SPOT");
    private static readonly ExchangeCall Funding = ExchangeCall.SignedGet("/v5/asset/transfer/query-account-coins-balance", "accountType=FUND");
    private static readonly ExchangeCall FlexibleSaving = ExchangeCall.SignedGet("/v5/earn/position", "category=FlexibleSaving");
    private static readonly ExchangeCall OnChain = ExchangeCall.SignedGet("/v5/earn/position", "category=OnChain");
    private static readonly ExchangeCall AccountInfo = ExchangeCall.SignedGet("/v5/account/info");
    private static readonly ExchangeCall QueryApi = ExchangeCall.SignedGet("/v5/user/query-api");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/v5/market/tickers", "category=spot");

    /// <summary>unifiedMarginStatus 1: a classic account (https://bybit-exchange.github.io/docs/v5/acct-mode).</summary>
    private const int Classic = 1;

    public override ExchangeDescriptor Descriptor => BybitDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        // The unified wallet first: when it is refused, so is the key, and nothing more is sent — unless the refusal says
        // the account has no unified wallet (a classic account). Then the other reads, which are independent, at once.
        var unified = await SignedAsync(Unified, account, root => BybitResponses.WalletBalances(root, WalletKind.Trading), cancellationToken).ConfigureAwait(false);
        if (!unified.IsSuccess && unified.Diagnosis.ExchangeCode is not (BybitErrors.ParameterError or BybitErrors.NotForUnifiedAccounts))
        {
            return unified.FailureAs<BalanceSnapshot>();
        }

        var modeRead = SignedAsync(AccountInfo, account, BybitResponses.AccountMode, cancellationToken);
        var fundingRead = SignedAsync(Funding, account, BybitResponses.FundingBalances, cancellationToken);
        var flexibleRead = SignedAsync(FlexibleSaving, account, root => BybitResponses.EarnPositions(root, WalletKind.Earn), cancellationToken);
        var onChainRead = SignedAsync(OnChain, account, root => BybitResponses.EarnPositions(root, WalletKind.Staking), cancellationToken);
        var mode = await modeRead.ConfigureAwait(false);
        var funding = await fundingRead.ConfigureAwait(false);
        var flexible = await flexibleRead.ConfigureAwait(false);
        var onChain = await onChainRead.ConfigureAwait(false);

        // A classic account has no unified wallet: its spot and contract wallets take its place (UTA 1.0 keeps the
        // contract wallet beside the unified one; https://bybit-exchange.github.io/docs/v5/acct-mode).
        var accountMode = mode.IsSuccess ? mode.Value : (int?)null;
        var main = new List<(WalletKind Wallet, ExchangeResult<IReadOnlyList<AssetBalance>> Read)>();
        if (accountMode == Classic)
        {
            var spot = SignedAsync(ClassicSpot, account, root => BybitResponses.WalletBalances(root, WalletKind.Spot), cancellationToken);
            var contract = SignedAsync(Contract, account, root => BybitResponses.WalletBalances(root, WalletKind.Futures), cancellationToken);
            main.Add((WalletKind.Spot, await spot.ConfigureAwait(false)));
            main.Add((WalletKind.Futures, await contract.ConfigureAwait(false)));
        }
        else
        {
            main.Add((WalletKind.Trading, unified));
            if (accountMode is 3 or 4)
            {
                main.Add((WalletKind.Futures, await SignedAsync(Contract, account, root => BybitResponses.WalletBalances(root, WalletKind.Futures), cancellationToken).ConfigureAwait(false)));
            }
        }

        if (!main[0].Read.IsSuccess)
        {
            return main[0].Read.FailureAs<BalanceSnapshot>();
        }

        var others = new[] { (WalletKind.Funding, funding), (WalletKind.Earn, flexible), (WalletKind.Staking, onChain) };
        var all = main.Concat(others).ToList();
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            all.SelectMany(w => w.Item2.Value ?? []),
            [.. all.Select(w => new WalletReading(w.Item1, w.Item2.Diagnosis))]));
    }

    protected override async Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var facts = await SignedAsync(QueryApi, account, root => BybitResponses.KeyFacts(root, Transport.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
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
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(BybitResponses.Markets(root), assets), cancellationToken);
}
