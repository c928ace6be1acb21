using System.Collections.Concurrent;
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

    /// <summary>Sub-accounts are listed 100 a page, the most "Get SubAccount List - Spot Balance (V2)" allows; at most this many pages.</summary>
    private const int SubAccountPageSize = 100;
    private const int MaxSubAccountPages = 50;

    /// <summary>The right the sub-account reads need on the master account's key, as KuCoin's API page names it.</summary>
    internal const string SubAccountRight = "General";

    // Weights from each endpoint's "API-RATE-LIMIT-WEIGHT" (KuCoin API: https://www.kucoin.com/docs-new/).
    private static readonly ExchangeCall Accounts = ExchangeCall.SignedGet(KucoinPaths.Accounts, cost: 5);
    private static readonly ExchangeCall CrossMargin = ExchangeCall.SignedGet(KucoinPaths.CrossMargin, "quoteCurrency=USDT&queryType=ALL", cost: 15);
    private static readonly ExchangeCall IsolatedMargin = ExchangeCall.SignedGet(KucoinPaths.IsolatedMargin, "queryType=ALL", cost: 15);
    private static readonly ExchangeCall ApiKey = ExchangeCall.SignedGet(KucoinPaths.ApiKey, cost: 20);
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet(KucoinPaths.AllTickers, cost: 15);
    private static readonly ExchangeCall UserInfo = ExchangeCall.SignedGet(KucoinPaths.UserInfo, cost: 20);

    /// <summary>
    /// The sub-account list and the futures overview give every sub-account at once, so the sub-accounts of one reading,
    /// each read on its own, share one such read while it is in flight, per key and endpoint.
    /// </summary>
    private readonly ConcurrentDictionary<(string ApiKey, ExchangeEndpoint Endpoint), Lazy<Task<SubAccountBook>>> _subAccountReads = new();

    // Whether each key's account summary counted sub-accounts at its last listing: kept from one sync to the next.
    private readonly ConcurrentDictionary<(string ApiKey, ExchangeEndpoint Endpoint), bool> _countedSubAccounts = new();

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

    /// <summary>
    /// Every sub-account of the master account, by name, 100 a page; none without a call when the account summary counts
    /// none (<c>subQuantity</c> 0). KuCoin's list gives no note and no frozen state.
    /// </summary>
    protected override async Task<ExchangeResult<IReadOnlyList<SubAccount>>> ReadSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        // A key whose summary counted sub-accounts last time asks for the list beside the summary, in one round trip.
        var key = (account.Credentials.ApiKey, account.Endpoint);
        var counting = SignedAsync(UserInfo, account, KucoinResponses.SubQuantity, cancellationToken);
        var early = _countedSubAccounts.TryGetValue(key, out var counted) && counted ? ReadSubAccountListAsync(account, cancellationToken) : null;
        var count = await counting.ConfigureAwait(false);
        var listed = early is null ? null : await early.ConfigureAwait(false);
        if (!count.IsSuccess)
        {
            return count.FailureAs<IReadOnlyList<SubAccount>>();
        }

        _countedSubAccounts[key] = count.Value > 0;
        if (count.Value == 0)
        {
            return ExchangeResult<IReadOnlyList<SubAccount>>.Success([]);
        }

        var list = listed ?? await ReadSubAccountListAsync(account, cancellationToken).ConfigureAwait(false);
        return list.IsSuccess
            ? ExchangeResult<IReadOnlyList<SubAccount>>.Success([.. list.Value.Select(s => new SubAccount(s.Name, null, false))])
            : list.FailureAs<IReadOnlyList<SubAccount>>();
    }

    /// <summary>
    /// A sub-account's funding, spot and cross margin accounts from the sub-account list, and its futures from the futures
    /// overview of each settlement currency, all at once with the master account's key. A sub-account absent from every
    /// futures overview has never opened futures. A refused or failed list is the sub-account's failure as a whole; one
    /// the list does not name is not the master's.
    /// </summary>
    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadSubAccountBalancesAsync(ExchangeAccount account, string subAccount, CancellationToken cancellationToken)
    {
        var book = await SharedSubAccountReadAsync(account, cancellationToken).ConfigureAwait(false);
        if (!book.List.IsSuccess)
        {
            return book.List.FailureAs<BalanceSnapshot>();
        }

        if (book.List.Value.FirstOrDefault(s => string.Equals(s.Name, subAccount, StringComparison.Ordinal)) is not { } sub)
        {
            return ExchangeResult<BalanceSnapshot>.Failure(NotASubAccount(subAccount));
        }

        var futures = FuturesOfSubAccount(subAccount, book.Futures);
        var balances = sub.Balances.Concat(futures.Balances);
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            balances,
            new WalletReading(WalletKind.Funding) { AccountName = "main" },
            new WalletReading(WalletKind.Spot) { AccountName = "trade" },
            new WalletReading(WalletKind.Margin) { AccountName = "margin" },
            futures.Reading));
    }

    /// <summary>The sub-account's futures wallet: read where any overview lists it, not opened where every one answered
    /// without it, else the first refusal or failure.</summary>
    internal static (WalletReading Reading, IReadOnlyList<AssetBalance> Balances) FuturesOfSubAccount(
        string subAccount, IReadOnlyList<ExchangeResult<IReadOnlyDictionary<string, AssetBalance?>>> overviews)
    {
        if (overviews.FirstOrDefault(o => !o.IsSuccess) is { } failed)
        {
            return (Reading(WalletKind.Futures, failed, SubAccountRight, "futures"), []);
        }

        var rows = overviews.Where(o => o.Value!.ContainsKey(subAccount)).Select(o => o.Value![subAccount]).ToList();

        return rows.Count == 0
            ? (WalletReading.NotOpened(WalletKind.Futures, "futures"), [])
            : (new WalletReading(WalletKind.Futures) { AccountName = "futures" }, [.. rows.OfType<AssetBalance>()]);
    }

    private Diagnosis NotASubAccount(string subAccount) => new()
    {
        Category = DiagnosisCategory.MissingPermission,
        Exchange = Exchange,
        Explanation = Texts.Of("KuCoinListsNoSubAccount", subAccount),
        Fix = Texts.Of("CheckTheSubAccountsOn"),
    };

    /// <summary>The sub-account list and the futures overviews of one key, read once for all the sub-accounts a reading
    /// includes; the first caller's cancellation is the shared read's.</summary>
    private Task<SubAccountBook> SharedSubAccountReadAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var key = (account.Credentials.ApiKey, account.Endpoint);
        var shared = _subAccountReads.GetOrAdd(key, _ => new Lazy<Task<SubAccountBook>>(() => ReadSubAccountBookAsync(account, cancellationToken)));
        var read = shared.Value;
        _ = read.ContinueWith(_ => _subAccountReads.TryRemove(new KeyValuePair<(string, ExchangeEndpoint), Lazy<Task<SubAccountBook>>>(key, shared)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return read;
    }

    private async Task<SubAccountBook> ReadSubAccountBookAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var futuresHost = FuturesBaseUrl(account.Endpoint);
        var list = ReadSubAccountListAsync(account, cancellationToken);
        var futures = FuturesCurrencies
            .Select(currency => CallAtAsync(
                ExchangeCall.SignedGet(KucoinPaths.SubAccountFutures, "currency=" + currency, cost: 6), futuresHost, account, KucoinResponses.SubAccountFutures, cancellationToken))
            .ToList();
        await Task.WhenAll([list, .. futures]).ConfigureAwait(false);
        return new SubAccountBook(await list.ConfigureAwait(false), await Task.WhenAll(futures).ConfigureAwait(false));
    }

    /// <summary>Every page of the sub-account list: the first, then the others at once.</summary>
    private async Task<ExchangeResult<IReadOnlyList<KucoinSubAccount>>> ReadSubAccountListAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var first = await SignedAsync(SubAccountPage(1), account, KucoinResponses.SubAccounts, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess)
        {
            return first.FailureAs<IReadOnlyList<KucoinSubAccount>>();
        }

        var pages = Math.Min(MaxSubAccountPages, first.Value.TotalPages);
        var rest = await Task.WhenAll(Enumerable.Range(2, Math.Max(0, pages - 1))
            .Select(page => SignedAsync(SubAccountPage(page), account, KucoinResponses.SubAccounts, cancellationToken))).ConfigureAwait(false);
        if (rest.FirstOrDefault(r => !r.IsSuccess) is { } failed)
        {
            return failed.FailureAs<IReadOnlyList<KucoinSubAccount>>();
        }

        return ExchangeResult<IReadOnlyList<KucoinSubAccount>>.Success(
            [.. first.Value.SubAccounts.Concat(rest.SelectMany(r => r.Value.SubAccounts)).DistinctBy(s => s.Name, StringComparer.Ordinal)]);
    }

    private static ExchangeCall SubAccountPage(int page) =>
        ExchangeCall.SignedGet(KucoinPaths.SubAccounts, FormattableString.Invariant($"currentPage={page}&pageSize={SubAccountPageSize}"), cost: 20);

    private sealed record SubAccountBook(
        ExchangeResult<IReadOnlyList<KucoinSubAccount>> List,
        IReadOnlyList<ExchangeResult<IReadOnlyDictionary<string, AssetBalance?>>> Futures);

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
