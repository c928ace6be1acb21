using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Kucoin;

/// <summary>
/// KuCoin: the funding (<c>main</c>) and spot (<c>trade</c>) accounts, cross and isolated margin, futures on the futures
/// host and earn holdings, all read at once; key facts from the key's own info.
/// </summary>
internal sealed class KucoinConnector(ExchangeTransport transport) : ExchangeConnector(transport, new KucoinProtocol())
{
    /// <summary>The futures settlement currencies read, one call each (KuCoin API, "Get Account - Futures": one currency per call, XBT by default).</summary>
    private static readonly string[] FuturesCurrencies = ["XBT", "USDT", "USDC"];

    private const int MaxEarnPages = 10;

    // Weights from each endpoint's "API-RATE-LIMIT-WEIGHT" (KuCoin API: https://www.kucoin.com/docs-new/).
    private static readonly ExchangeCall Accounts = ExchangeCall.SignedGet(KucoinPaths.Accounts, cost: 5);
    private static readonly ExchangeCall CrossMargin = ExchangeCall.SignedGet(KucoinPaths.CrossMargin, "quoteCurrency=USDT&queryType=ALL", cost: 15);
    private static readonly ExchangeCall IsolatedMargin = ExchangeCall.SignedGet(KucoinPaths.IsolatedMargin, "queryType=ALL", cost: 15);
    private static readonly ExchangeCall ApiKey = ExchangeCall.SignedGet(KucoinPaths.ApiKey, cost: 20);
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet(KucoinPaths.AllTickers, cost: 15);

    public override ExchangeDescriptor Descriptor => KucoinDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        // The accounts call needs only the General right every key has, so its refusal is the key's and fails the reading
        // as a whole. A key that read last time reads every wallet at once, in one round trip; otherwise the accounts call
        // goes first, alone, and nothing more is sent when it is refused.
        var accountsRead = SignedAsync(Accounts, account, KucoinResponses.Accounts, cancellationToken);
        if (!ReadBefore(account) && await accountsRead.ConfigureAwait(false) is { IsSuccess: false } refused)
        {
            return refused.FailureAs<BalanceSnapshot>();
        }

        var cross = SignedAsync(CrossMargin, account, KucoinResponses.CrossMargin, cancellationToken);
        var isolated = SignedAsync(IsolatedMargin, account, KucoinResponses.IsolatedMargin, cancellationToken);
        var futuresHost = FuturesBaseUrl(account.Endpoint);
        var futures = FuturesCurrencies
            .Select(currency => CallAtAsync(
                ExchangeCall.SignedGet(KucoinPaths.FuturesOverview, "currency=" + currency, cost: 5), futuresHost, account, KucoinResponses.FuturesOverview, cancellationToken))
            .ToList();
        var earn = ReadEarnAsync(account, cancellationToken);
        await Task.WhenAll([(Task)accountsRead, cross, isolated, earn, .. futures]).ConfigureAwait(false);
        var accounts = await accountsRead.ConfigureAwait(false);
        if (!accounts.IsSuccess)
        {
            return FailedAsAWhole(
                accounts.Diagnosis,
                [(await cross.ConfigureAwait(false)).Diagnosis, (await isolated.ConfigureAwait(false)).Diagnosis, (await earn.ConfigureAwait(false)).Failure, .. (await Task.WhenAll(futures).ConfigureAwait(false)).Select(f => f.Diagnosis)]);
        }

        var futuresResults = await Task.WhenAll(futures).ConfigureAwait(false);
        var margin = new[] { await cross.ConfigureAwait(false), await isolated.ConfigureAwait(false) };
        var (earnBalances, earnFailure) = await earn.ConfigureAwait(false);
        var balances = accounts.Value
            .Concat(KucoinResponses.Merge(margin.SelectMany(m => m.Value ?? [])))
            .Concat(futuresResults.SelectMany(f => f.Value ?? []))
            .Concat(KucoinResponses.Merge(earnBalances));
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            balances,
            new WalletReading(WalletKind.Funding),
            new WalletReading(WalletKind.Spot),
            new WalletReading(WalletKind.Margin, margin.Select(m => m.Diagnosis).FirstOrDefault(d => d is not null)),
            new WalletReading(WalletKind.Futures, futuresResults.Select(f => f.Diagnosis).FirstOrDefault(d => d is not null)),
            new WalletReading(WalletKind.Earn, earnFailure),
            new WalletReading(WalletKind.Staking, earnFailure)));
    }

    protected override async Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var facts = await SignedAsync(ApiKey, account, root => KucoinResponses.KeyFacts(root, Transport.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
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
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(KucoinResponses.Markets(root), assets), cancellationToken);

    /// <summary>Earn holdings, page by page (500 per page, the most KuCoin allows).</summary>
    private async Task<(IReadOnlyList<AssetBalance> Balances, Diagnosis? Failure)> ReadEarnAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var balances = new List<AssetBalance>();
        for (var page = 1; page <= MaxEarnPages; page++)
        {
            var call = ExchangeCall.SignedGet(KucoinPaths.EarnHoldings, FormattableString.Invariant($"currentPage={page}&pageSize=500"), cost: 5);
            var read = await SignedAsync(call, account, KucoinResponses.EarnHoldings, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return (balances, read.Diagnosis);
            }

            balances.AddRange(read.Value.Balances);
            if (page >= read.Value.TotalPages)
            {
                break;
            }
        }

        return (balances, null);
    }

    /// <summary>The futures host beside the spot host the account talks to; a custom URL or an override serves both.</summary>
    private Uri FuturesBaseUrl(ExchangeEndpoint endpoint)
    {
        var spot = Transport.ResolveBaseUrl(Descriptor, endpoint);
        return KucoinDescriptor.FuturesHosts.TryGetValue(spot, out var futures) ? futures : spot;
    }
}
