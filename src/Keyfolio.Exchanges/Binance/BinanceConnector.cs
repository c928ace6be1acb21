using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Binance;

/// <summary>
/// Binance: every wallet a read-only key sees, read at once — spot, funding, Simple Earn flexible and locked positions,
/// cross and isolated margin on api.binance.com, USDⓈ-M futures on fapi.binance.com and COIN-M futures on
/// dapi.binance.com — each with its own outcome; key facts from the API restrictions. A key refused on the spot account
/// is refused as a whole.
/// </summary>
internal sealed class BinanceConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BinanceProtocol())
{
    /// <summary>The right every wallet read on api.binance.com needs, as Binance's API-management page names it.</summary>
    internal const string ReadRight = "Enable Reading";

    /// <summary>The right the futures wallets need besides reading, as Binance's API-management page names it; it reads
    /// as <c>enableFutures</c> ("API Key created before your futures account opened does not support futures API service",
    /// Binance Wallet, "Get API Key Permission": https://developers.binance.com/docs/wallet/account/api-key-permission).</summary>
    internal const string FuturesRight = "Enable Futures";

    /// <summary>The futures wallets' names in the wallet summary, exactly as Binance writes them (Ⓢ is U+24C8).</summary>
    internal const string UsdsFuturesName = "USDⓈ-M Futures";
    internal const string CoinFuturesName = "COIN-M Futures";

    /// <summary>Simple Earn pages are read 100 positions at a time, the most the endpoints allow; at most this many pages.</summary>
    private const int EarnPageSize = 100;
    private const int MaxEarnPages = 10;

    /// <summary>Sub-accounts are listed 200 a page, the most "Query Sub-account List" allows; at most this many pages.</summary>
    private const int SubAccountPageSize = 200;
    private const int MaxSubAccountPages = 25;

    // Weights from each endpoint's page (docs/exchanges.md, Binance).
    private static readonly ExchangeCall Account = ExchangeCall.SignedGet(BinancePaths.SpotAccount, "omitZeroBalances=true", cost: 20);
    private static readonly ExchangeCall Funding = new(HttpMethod.Post, BinancePaths.FundingAssets);
    private static readonly ExchangeCall CrossMargin = ExchangeCall.SignedGet(BinancePaths.CrossMargin, cost: 10);
    private static readonly ExchangeCall IsolatedMargin = ExchangeCall.SignedGet(BinancePaths.IsolatedMargin, cost: 10);
    private static readonly ExchangeCall UsdsFuturesAccount = ExchangeCall.SignedGet(BinancePaths.UsdsFuturesAccount, cost: 5);
    private static readonly ExchangeCall CoinFuturesAccount = ExchangeCall.SignedGet(BinancePaths.CoinFuturesAccount, cost: 5);
    private static readonly ExchangeCall WalletSummary = ExchangeCall.SignedGet(BinancePaths.WalletSummary, cost: 60);
    private static readonly ExchangeCall Restrictions = ExchangeCall.SignedGet(BinancePaths.ApiRestrictions);
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/v3/ticker/price", cost: 4);

    private static readonly BinanceProtocol UsdsFuturesProtocol = new(BinanceProtocol.UsdsFuturesTime);
    private static readonly BinanceProtocol CoinFuturesProtocol = new(BinanceProtocol.CoinFuturesTime);

    public override ExchangeDescriptor Descriptor => BinanceDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var spotRead = SignedAsync(Account, account, BinanceResponses.SpotBalances, cancellationToken);
        var fundingRead = SignedAsync(Funding, account, BinanceResponses.FundingBalances, cancellationToken);
        if (!BinanceDescriptor.HasEveryWallet(account.Endpoint))
        {
            await Task.WhenAll(spotRead, fundingRead).ConfigureAwait(false);
            return await SnapshotAsync(account, await spotRead.ConfigureAwait(false), await fundingRead.ConfigureAwait(false), [], cancellationToken).ConfigureAwait(false);
        }

        var (usdsHost, coinHost) = FuturesBaseUrls(account.Endpoint);
        var flexibleRead = ReadEarnAsync(BinancePaths.FlexibleEarn, BinanceResponses.FlexibleEarn, account, cancellationToken);
        var lockedRead = ReadEarnAsync(BinancePaths.LockedEarn, BinanceResponses.LockedEarn, account, cancellationToken);
        var crossRead = SignedAsync(CrossMargin, account, BinanceResponses.CrossMargin, cancellationToken);
        var isolatedRead = SignedAsync(IsolatedMargin, account, BinanceResponses.IsolatedMargin, cancellationToken);
        var usdsRead = CallAtAsync(UsdsFuturesProtocol, UsdsFuturesAccount, usdsHost, account, BinanceResponses.UsdsFutures, cancellationToken);
        var coinRead = CallAtAsync(CoinFuturesProtocol, CoinFuturesAccount, coinHost, account, BinanceResponses.CoinFutures, cancellationToken);
        await Task.WhenAll(spotRead, fundingRead, flexibleRead, lockedRead, crossRead, isolatedRead, usdsRead, coinRead).ConfigureAwait(false);

        var spot = await spotRead.ConfigureAwait(false);
        var futures = spot.IsSuccess
            ? await FuturesOutcomesAsync(account, await usdsRead.ConfigureAwait(false), await coinRead.ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            : [];
        return await SnapshotAsync(
            account,
            spot,
            await fundingRead.ConfigureAwait(false),
            [
                (Outcome(WalletKind.Earn, "Simple Earn Flexible", await flexibleRead.ConfigureAwait(false)), (await flexibleRead.ConfigureAwait(false)).Value?.Balances),
                (Outcome(WalletKind.Earn, "Simple Earn Locked", await lockedRead.ConfigureAwait(false)), (await lockedRead.ConfigureAwait(false)).Value?.Balances),
                (Outcome(WalletKind.Margin, "Cross Margin", await crossRead.ConfigureAwait(false)), (await crossRead.ConfigureAwait(false)).Value?.Balances),
                (Outcome(WalletKind.Margin, "Isolated Margin", await isolatedRead.ConfigureAwait(false)), (await isolatedRead.ConfigureAwait(false)).Value?.Balances),
                .. futures,
            ],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A wallet's outcome: read, never opened (the answer says so, or Binance refuses with its "account does not exist"
    /// code), not permitted, or failed.
    /// </summary>
    internal static WalletReading Outcome(WalletKind kind, string name, ExchangeResult<WalletRead> read) => read switch
    {
        { IsSuccess: true, Value.Opened: false } => WalletReading.NotOpened(kind, name),
        { Diagnosis.ExchangeCode: { } code } when BinanceErrors.IsNotOpened(code) => WalletReading.NotOpened(kind, name),
        _ => Reading(kind, read, ReadRight, name),
    };

    /// <summary>
    /// The futures wallets' outcomes. fapi and dapi answer <c>-2015</c> alike to a key without "Enable Futures" and to an
    /// account that never opened that futures wallet, so a <c>-2015</c> there (spot having answered, the key and the IP
    /// are fine) is told apart by the wallet summary — <c>activate: false</c> is a wallet never opened — and the API
    /// restrictions — <c>enableFutures: false</c> is the right missing (wallets.md §1.7; the summary may need a right of
    /// its own, so without it the restrictions decide alone). Both are asked at once, and only then.
    /// </summary>
    private async Task<IReadOnlyList<(WalletReading Reading, IReadOnlyList<AssetBalance>? Balances)>> FuturesOutcomesAsync(
        ExchangeAccount account,
        ExchangeResult<IReadOnlyList<AssetBalance>> usds,
        ExchangeResult<IReadOnlyList<AssetBalance>> coin,
        CancellationToken cancellationToken)
    {
        var wallets = new[] { (Name: UsdsFuturesName, Read: usds), (Name: CoinFuturesName, Read: coin) };
        IReadOnlyDictionary<string, bool>? opened = null;
        KeyFacts? facts = null;
        if (wallets.Any(w => w.Read.Diagnosis?.ExchangeCode == BinanceErrors.RejectedKey))
        {
            var summaryRead = SignedAsync(WalletSummary, account, BinanceResponses.WalletsOpened, cancellationToken);
            var factsRead = ReadKeyFactsAsync(account, cancellationToken);
            await Task.WhenAll(summaryRead, factsRead).ConfigureAwait(false);
            opened = (await summaryRead.ConfigureAwait(false)).Value;
            facts = (await factsRead.ConfigureAwait(false)).Value;
        }

        return [.. wallets.Select(w => (FuturesOutcome(w.Name, w.Read, opened, facts), w.Read.Value))];
    }

    internal static WalletReading FuturesOutcome(string name, ExchangeResult<IReadOnlyList<AssetBalance>> read, IReadOnlyDictionary<string, bool>? opened, KeyFacts? facts)
    {
        if (read.Diagnosis is not { ExchangeCode: BinanceErrors.RejectedKey } rejected)
        {
            return Reading(WalletKind.Futures, read, FuturesRight, name);
        }

        if (opened is not null && opened.TryGetValue(name, out var active) && !active)
        {
            return WalletReading.NotOpened(WalletKind.Futures, name);
        }

        if (facts is not null && facts[KeyPermission.Futures] != PermissionState.Granted)
        {
            return WalletReading.NotPermitted(WalletKind.Futures, rejected with
            {
                OtherPossibleCauses = [],
                Explanation = Texts.Of("TheKeyMayNotRead", name, FuturesRight),
                Fix = Texts.Of("OnBinancesAPIManagementPage", FuturesRight),
            }, FuturesRight, name);
        }

        return WalletReading.Failed(WalletKind.Futures, rejected with
        {
            OtherPossibleCauses = [],
            Explanation = Texts.Of("BinanceRefusedThisKeyOn", name),
            Fix = Texts.Of("CheckOnBinanceThatThe"),
        }, name);
    }

    private async Task<ExchangeResult<BalanceSnapshot>> SnapshotAsync(
        ExchangeAccount account,
        ExchangeResult<IReadOnlyList<AssetBalance>> spot,
        ExchangeResult<IReadOnlyList<AssetBalance>> funding,
        IReadOnlyList<(WalletReading Reading, IReadOnlyList<AssetBalance>? Balances)> others,
        CancellationToken cancellationToken)
    {
        if (!spot.IsSuccess)
        {
            return spot.Diagnosis.ExchangeCode == BinanceErrors.RejectedKey
                ? ExchangeResult<BalanceSnapshot>.Failure(await DisambiguateRejectedKeyAsync(account, spot.Diagnosis, cancellationToken).ConfigureAwait(false))
                : spot.FailureAs<BalanceSnapshot>();
        }

        var wallets = new List<(WalletReading Reading, IReadOnlyList<AssetBalance>? Balances)>
        {
            (new WalletReading(WalletKind.Spot) { AccountName = "Spot" }, spot.Value),
            (Reading(WalletKind.Funding, funding, ReadRight, "Funding"), funding.Value),
        };
        wallets.AddRange(others);
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            wallets.Where(w => w.Reading.Outcome == WalletOutcome.Read).SelectMany(w => w.Balances ?? []),
            [.. wallets.Select(w => w.Reading)]));
    }

    /// <summary>The futures hosts beside the spot host the account talks to; a custom URL or an override serves all three.</summary>
    private (Uri UsdsFutures, Uri CoinFutures) FuturesBaseUrls(ExchangeEndpoint endpoint)
    {
        var spot = Transport.ResolveBaseUrl(Descriptor, endpoint);
        return BinanceDescriptor.FuturesHosts.TryGetValue(spot, out var futures) ? futures : (spot, spot);
    }

    /// <summary>
    /// Every sub-account of the master account, 200 a page (the most the endpoint allows; its default is 1). Binance.US
    /// has no such endpoint: none there.
    /// </summary>
    protected override async Task<ExchangeResult<IReadOnlyList<SubAccount>>> ReadSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        if (!BinanceDescriptor.HasEveryWallet(account.Endpoint))
        {
            return ExchangeResult<IReadOnlyList<SubAccount>>.Success([]);
        }

        var all = new List<SubAccount>();
        for (var page = 1; page <= MaxSubAccountPages; page++)
        {
            var call = ExchangeCall.SignedGet(BinancePaths.SubAccountList, FormattableString.Invariant($"page={page}&limit={SubAccountPageSize}"));
            var read = await SignedAsync(call, account, BinanceResponses.SubAccounts, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return read;
            }

            all.AddRange(read.Value);
            if (read.Value.Count < SubAccountPageSize)
            {
                break;
            }
        }

        return ExchangeResult<IReadOnlyList<SubAccount>>.Success(all);
    }

    /// <summary>
    /// A sub-account's wallets, by its e-mail, with the master account's key, all at once: spot, USDⓈ-M and COIN-M futures,
    /// cross margin, and the sub-account's status, which says whether the master opened margin and futures for it — a
    /// wallet not opened is not an error, whatever its own endpoint answered. Without the status (refused, failed) each
    /// wallet's own answer decides. A refusal of the spot wallet is the sub-account's as a whole.
    /// </summary>
    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadSubAccountBalancesAsync(ExchangeAccount account, string subAccount, CancellationToken cancellationToken)
    {
        var email = "email=" + Uri.EscapeDataString(subAccount);
        var spotRead = SignedAsync(ExchangeCall.SignedGet(BinancePaths.SubAccountAssets, email, cost: 60), account, BinanceResponses.SubAccountAssets, cancellationToken);
        var statusRead = SignedAsync(ExchangeCall.SignedGet(BinancePaths.SubAccountStatus, email, cost: 10), account, BinanceResponses.SubAccountStatus, cancellationToken);
        var usdsRead = SignedAsync(ExchangeCall.SignedGet(BinancePaths.SubAccountFutures, email + "&futuresType=1"), account, BinanceResponses.SubAccountFutures, cancellationToken);
        var coinRead = SignedAsync(ExchangeCall.SignedGet(BinancePaths.SubAccountFutures, email + "&futuresType=2"), account, BinanceResponses.SubAccountFutures, cancellationToken);
        var marginRead = SignedAsync(ExchangeCall.SignedGet(BinancePaths.SubAccountMargin, email, cost: 10), account, BinanceResponses.SubAccountMargin, cancellationToken);
        await Task.WhenAll(spotRead, statusRead, usdsRead, coinRead, marginRead).ConfigureAwait(false);

        var spot = await spotRead.ConfigureAwait(false);
        if (!spot.IsSuccess)
        {
            return spot.FailureAs<BalanceSnapshot>();
        }

        var status = (await statusRead.ConfigureAwait(false)).Value;
        var wallets = new (WalletReading Reading, IReadOnlyList<AssetBalance>? Balances)[]
        {
            (new WalletReading(WalletKind.Spot) { AccountName = "Spot" }, spot.Value),
            SubAccountWallet(WalletKind.Futures, UsdsFuturesName, await usdsRead.ConfigureAwait(false), status?.FuturesEnabled),
            SubAccountWallet(WalletKind.Futures, CoinFuturesName, await coinRead.ConfigureAwait(false), status?.FuturesEnabled),
            SubAccountWallet(WalletKind.Margin, "Cross Margin", await marginRead.ConfigureAwait(false), status?.MarginEnabled),
        };
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            wallets.Where(w => w.Reading.Outcome == WalletOutcome.Read).SelectMany(w => w.Balances ?? []),
            [.. wallets.Select(w => w.Reading)]));
    }

    /// <summary>One wallet of a sub-account: not opened when its status says so, else what its own endpoint answered.</summary>
    internal static (WalletReading Reading, IReadOnlyList<AssetBalance>? Balances) SubAccountWallet(
        WalletKind kind, string name, ExchangeResult<IReadOnlyList<AssetBalance>> read, bool? opened) =>
        opened == false
            ? (WalletReading.NotOpened(kind, name), null)
            : (Reading(kind, read, ReadRight, name), read.Value);

    protected override Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(Restrictions, account, BinanceResponses.KeyFacts, cancellationToken);

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(BinanceResponses.Markets(root), assets), cancellationToken);

    /// <summary>
    /// Every Simple Earn position of one kind: the first page of 100, then the remaining pages at once. No position at all
    /// (<c>rows: [], total: 0</c>) is the wallet never used.
    /// </summary>
    private async Task<ExchangeResult<WalletRead>> ReadEarnAsync(string path, Func<System.Text.Json.JsonElement, EarnPage> parse, ExchangeAccount account, CancellationToken cancellationToken)
    {
        var first = await SignedAsync(EarnPage(path, 1), account, parse, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess)
        {
            return first.FailureAs<WalletRead>();
        }

        var pages = Math.Min(MaxEarnPages, (first.Value.Total + EarnPageSize - 1) / EarnPageSize);
        var rest = await Task.WhenAll(Enumerable.Range(2, Math.Max(0, pages - 1))
            .Select(page => SignedAsync(EarnPage(path, page), account, parse, cancellationToken))).ConfigureAwait(false);
        if (rest.FirstOrDefault(r => !r.IsSuccess) is { } failed)
        {
            return failed.FailureAs<WalletRead>();
        }

        var balances = BinanceResponses.Merge(first.Value.Balances.Concat(rest.SelectMany(r => r.Value!.Balances)));
        return ExchangeResult<WalletRead>.Success(new WalletRead(balances, Opened: first.Value.Total > 0 || balances.Count > 0));
    }

    /// <summary>One page of Simple Earn positions: 150 weight per call (IP), whatever the page size.</summary>
    private static ExchangeCall EarnPage(string path, int page) =>
        ExchangeCall.SignedGet(path, FormattableString.Invariant($"current={page}&size={EarnPageSize}"), cost: 150);

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
            Explanation = Texts.Of("TheKeyIsValidAnd"),
            Fix = Texts.Of("OnBinancesAPIManagementPage2"),
        };
    }
}
