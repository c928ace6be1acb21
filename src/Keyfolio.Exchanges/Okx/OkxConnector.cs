using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Okx;

/// <summary>
/// OKX v5: the trading account, the funding account, Simple Earn savings and on-chain earn at once; key facts from
/// the account configuration. Every endpoint needs only the key's "Read" permission.
/// </summary>
internal sealed class OkxConnector(ExchangeTransport transport) : ExchangeConnector(transport, new OkxProtocol())
{
    /// <summary>The permission every read needs, as OKX's API page names it.</summary>
    internal const string ReadRight = "Read";

    /// <summary>The sub-account list gives at most 100 a page; at most this many pages.</summary>
    private const int SubAccountPageSize = 100;
    private const int MaxSubAccountPages = 50;

    private static readonly ExchangeCall TradingBalance = ExchangeCall.SignedGet("/api/v5/account/balance");
    private static readonly ExchangeCall FundingBalance = ExchangeCall.SignedGet("/api/v5/asset/balances");
    private static readonly ExchangeCall SavingsBalance = ExchangeCall.SignedGet(OkxPaths.SavingsBalance);
    private static readonly ExchangeCall OnChainOrders = ExchangeCall.SignedGet(OkxPaths.OnChainOrders);
    private static readonly ExchangeCall Config = ExchangeCall.SignedGet("/api/v5/account/config");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/v5/market/tickers", "instType=SPOT");

    public override ExchangeDescriptor Descriptor => OkxDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        // The trading account exists on every OKX account, so its refusal is the key's and the reading fails as a whole. A
        // key that read last time reads every wallet at once, in one round trip; otherwise the trading account goes first,
        // alone, and nothing more is sent when it is refused.
        var tradingRead = SignedAsync(TradingBalance, account, OkxResponses.TradingBalances, cancellationToken);
        if (!ReadBefore(account) && await tradingRead.ConfigureAwait(false) is { IsSuccess: false } refused)
        {
            return refused.FailureAs<BalanceSnapshot>();
        }

        var fundingRead = SignedAsync(FundingBalance, account, OkxResponses.FundingBalances, cancellationToken);
        var savingsRead = SignedAsync(SavingsBalance, account, OkxResponses.SavingsBalances, cancellationToken);
        var onChainRead = SignedAsync(OnChainOrders, account, OkxResponses.OnChainEarn, cancellationToken);
        await Task.WhenAll(tradingRead, fundingRead, savingsRead, onChainRead).ConfigureAwait(false);
        var trading = await tradingRead.ConfigureAwait(false);
        if (!trading.IsSuccess)
        {
            return FailedAsAWhole(trading.Diagnosis, (await fundingRead.ConfigureAwait(false)).Diagnosis, (await savingsRead.ConfigureAwait(false)).Diagnosis, (await onChainRead.ConfigureAwait(false)).Diagnosis);
        }

        var wallets = new (WalletKind Kind, string Name, ExchangeResult<IReadOnlyList<AssetBalance>> Read)[]
        {
            (WalletKind.Trading, "Trading account", trading),
            (WalletKind.Funding, "Funding account", await fundingRead.ConfigureAwait(false)),
            (WalletKind.Earn, "Simple Earn", await savingsRead.ConfigureAwait(false)),
            (WalletKind.Staking, "On-chain Earn", await onChainRead.ConfigureAwait(false)),
        };
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            wallets.SelectMany(w => w.Read.Value ?? []),
            [.. wallets.Select(w => Reading(w.Kind, w.Read, ReadRight, w.Name))]));
    }

    /// <summary>Every sub-account of the master account, 100 a page (the most the list gives), the next page asked with
    /// <c>after</c>, the creation time of the last one listed.</summary>
    protected override async Task<ExchangeResult<IReadOnlyList<SubAccount>>> ReadSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var all = new List<SubAccount>();
        string? after = null;
        for (var page = 0; page < MaxSubAccountPages; page++)
        {
            var query = "limit=" + SubAccountPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
            var read = await SignedAsync(ExchangeCall.SignedGet(OkxPaths.SubAccountList, query), account, OkxResponses.SubAccounts, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return read.FailureAs<IReadOnlyList<SubAccount>>();
            }

            all.AddRange(read.Value.Select(s => s.SubAccount));
            if (read.Value.Count < SubAccountPageSize || read.Value[^1].CreatedMs is not { Length: > 0 } last || last == after)
            {
                break;
            }

            after = last;
        }

        return ExchangeResult<IReadOnlyList<SubAccount>>.Success([.. all.DistinctBy(s => s.Id, StringComparer.Ordinal)]);
    }

    /// <summary>A sub-account's trading and funding accounts at once, by its name, with the master account's key; each
    /// with its own outcome.</summary>
    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadSubAccountBalancesAsync(ExchangeAccount account, string subAccount, CancellationToken cancellationToken)
    {
        var query = "subAcct=" + Uri.EscapeDataString(subAccount);
        var tradingRead = SignedAsync(ExchangeCall.SignedGet(OkxPaths.SubAccountTrading, query), account, OkxResponses.SubAccountTradingBalances, cancellationToken);
        var fundingRead = SignedAsync(ExchangeCall.SignedGet(OkxPaths.SubAccountFunding, query), account, OkxResponses.SubAccountFundingBalances, cancellationToken);
        await Task.WhenAll(tradingRead, fundingRead).ConfigureAwait(false);
        var wallets = new (WalletKind Kind, string Name, ExchangeResult<IReadOnlyList<AssetBalance>> Read)[]
        {
            (WalletKind.Trading, "Trading account", await tradingRead.ConfigureAwait(false)),
            (WalletKind.Funding, "Funding account", await fundingRead.ConfigureAwait(false)),
        };
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            wallets.Where(w => w.Read.IsSuccess).SelectMany(w => w.Read.Value!),
            [.. wallets.Select(w => Reading(w.Kind, w.Read, ReadRight, w.Name))]));
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
