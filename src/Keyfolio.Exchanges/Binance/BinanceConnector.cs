using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Binance;

/// <summary>
/// Binance: every wallet a read-only key sees, read at once — spot, funding, Simple Earn flexible and locked positions,
/// cross and isolated margin — each with its own outcome; key facts from the API restrictions. A key refused on the spot
/// account is refused as a whole.
/// </summary>
internal sealed class BinanceConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BinanceProtocol())
{
    /// <summary>The right every wallet read needs, as Binance's API-management page names it.</summary>
    internal const string ReadRight = "Enable Reading";

    /// <summary>Simple Earn pages are read 100 positions at a time, the most the endpoints allow; at most this many pages.</summary>
    private const int EarnPageSize = 100;
    private const int MaxEarnPages = 10;

    // Weights from each endpoint's page (docs/exchanges.md, Binance).
    private static readonly ExchangeCall Account = ExchangeCall.SignedGet(BinancePaths.SpotAccount, "omitZeroBalances=true", cost: 20);
    private static readonly ExchangeCall Funding = new(HttpMethod.Post, BinancePaths.FundingAssets);
    private static readonly ExchangeCall CrossMargin = ExchangeCall.SignedGet(BinancePaths.CrossMargin, cost: 10);
    private static readonly ExchangeCall IsolatedMargin = ExchangeCall.SignedGet(BinancePaths.IsolatedMargin, cost: 10);
    private static readonly ExchangeCall Restrictions = ExchangeCall.SignedGet(BinancePaths.ApiRestrictions);
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/v3/ticker/price", cost: 4);

    public override ExchangeDescriptor Descriptor => BinanceDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var spotRead = SignedAsync(Account, account, BinanceResponses.SpotBalances, cancellationToken);
        var fundingRead = SignedAsync(Funding, account, BinanceResponses.FundingBalances, cancellationToken);
        var flexibleRead = ReadEarnAsync(BinancePaths.FlexibleEarn, BinanceResponses.FlexibleEarn, account, cancellationToken);
        var lockedRead = ReadEarnAsync(BinancePaths.LockedEarn, BinanceResponses.LockedEarn, account, cancellationToken);
        var crossRead = SignedAsync(CrossMargin, account, BinanceResponses.CrossMargin, cancellationToken);
        var isolatedRead = SignedAsync(IsolatedMargin, account, BinanceResponses.IsolatedMargin, cancellationToken);
        await Task.WhenAll(spotRead, fundingRead, flexibleRead, lockedRead, crossRead, isolatedRead).ConfigureAwait(false);

        var spot = await spotRead.ConfigureAwait(false);
        if (!spot.IsSuccess)
        {
            return spot.Diagnosis.ExchangeCode == BinanceErrors.RejectedKey
                ? ExchangeResult<BalanceSnapshot>.Failure(await DisambiguateRejectedKeyAsync(account, spot.Diagnosis, cancellationToken).ConfigureAwait(false))
                : spot.FailureAs<BalanceSnapshot>();
        }

        var funding = await fundingRead.ConfigureAwait(false);
        var wallets = new (WalletKind Kind, string Name, ExchangeResult<WalletRead> Read)[]
        {
            (WalletKind.Spot, "Spot", ExchangeResult<WalletRead>.Success(new WalletRead(spot.Value, Opened: true))),
            (WalletKind.Funding, "Funding", funding.IsSuccess ? ExchangeResult<WalletRead>.Success(new WalletRead(funding.Value, Opened: true)) : funding.FailureAs<WalletRead>()),
            (WalletKind.Earn, "Simple Earn Flexible", await flexibleRead.ConfigureAwait(false)),
            (WalletKind.Earn, "Simple Earn Locked", await lockedRead.ConfigureAwait(false)),
            (WalletKind.Margin, "Cross Margin", await crossRead.ConfigureAwait(false)),
            (WalletKind.Margin, "Isolated Margin", await isolatedRead.ConfigureAwait(false)),
        };
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            wallets.SelectMany(w => w.Read.Value?.Balances ?? []),
            [.. wallets.Select(w => Outcome(w.Kind, w.Name, w.Read))]));
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
            Explanation = new LocalizedText(
                "The key is valid and this host's IP address is allowed, but the key lacks a permission Keyfolio needs to read balances.",
                "密钥有效且本机 IP 被允许，但该密钥缺少 Keyfolio 读取余额所需的权限。"),
            Fix = new LocalizedText(
                "On Binance's API-management page, edit the key and tick \"Enable Reading\".",
                "请在币安 API 管理页面编辑该密钥，勾选“允许读取”（Enable Reading）。"),
        };
    }
}
