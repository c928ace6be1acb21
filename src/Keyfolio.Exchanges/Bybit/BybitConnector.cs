using System.Collections.Concurrent;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Bybit;

/// <summary>
/// Bybit V5: the unified trading account, the funding account and Earn (flexible and fixed-term savings, on-chain staking), read at
/// once with the account mode, which decides whether an older account also has its contract wallet (UTA 1.0) or keeps
/// classic spot and contract wallets. Key facts from the key's own description.
/// </summary>
internal sealed class BybitConnector(ExchangeTransport transport) : ExchangeConnector(transport, new BybitProtocol())
{
    private static readonly ExchangeCall Unified = ExchangeCall.SignedGet("/v5/account/wallet-balance", "accountType=UNIFIED");
    private static readonly ExchangeCall Contract = ExchangeCall.SignedGet("/v5/account/wallet-balance", "accountType=CONTRACT");
    private static readonly ExchangeCall ClassicSpot = ExchangeCall.SignedGet("/v5/account/wallet-balance", "accountType=SPOT");
    private static readonly ExchangeCall Funding = ExchangeCall.SignedGet("/v5/asset/transfer/query-account-coins-balance", "accountType=FUND");
    private static readonly ExchangeCall FlexibleSaving = ExchangeCall.SignedGet("/v5/earn/position", "category=FlexibleSaving");
    private static readonly ExchangeCall OnChain = ExchangeCall.SignedGet("/v5/earn/position", "category=OnChain");

    /// <summary>Fixed-term savings and fund-pool positions, which <c>/v5/earn/position</c> does not list
    /// (https://bybit-exchange.github.io/docs/v5/finance/earn/fixed-saving/position).</summary>
    private static readonly ExchangeCall FixedTerm = ExchangeCall.SignedGet("/v5/earn/fixed-term/position");
    private static readonly ExchangeCall AccountInfo = ExchangeCall.SignedGet("/v5/account/info");
    private static readonly ExchangeCall QueryApi = ExchangeCall.SignedGet("/v5/user/query-api");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/v5/market/tickers", "category=spot");

    /// <summary>unifiedMarginStatus 1: a classic account (https://bybit-exchange.github.io/docs/v5/acct-mode).</summary>
    private const int Classic = 1;

    /// <summary>Each key's account mode as the previous sync read it, so the wallets it calls for are read at once.</summary>
    private readonly ConcurrentDictionary<string, int> _modes = new(StringComparer.Ordinal);

    public override ExchangeDescriptor Descriptor => BybitDescriptor.Instance;

    /// <summary>unifiedMarginStatus 3 and 4 (UTA 1.0) keep a contract wallet beside the unified one, and a classic account has one.</summary>
    private static bool HasContractWallet(int? mode) => mode is Classic or 3 or 4;

    private Task<ExchangeResult<IReadOnlyList<AssetBalance>>> ReadWallet(ExchangeCall call, WalletKind kind, ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(call, account, root => BybitResponses.WalletBalances(root, kind), cancellationToken);

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        // A key that read last time sends every read at once, in one round trip: the account mode, funding, Earn, and the
        // trading wallets the mode that reading saw calls for. Only a mode that changed since needs a second trip. A key
        // never read, or refused last time, sends the unified wallet alone first: when it is refused, so is the key, and
        // nothing more is sent — unless the refusal says the account has no unified wallet (a classic account).
        var apiKey = account.Credentials.ApiKey;
        var seen = _modes.TryGetValue(apiKey, out var known) ? known : (int?)null;
        Task<ExchangeResult<IReadOnlyList<AssetBalance>>>? unifiedRead = null;
        if (!ReadBefore(account))
        {
            seen = null;
            unifiedRead = ReadWallet(Unified, WalletKind.Trading, account, cancellationToken);
            if (await unifiedRead.ConfigureAwait(false) is { IsSuccess: false } first
                && first.Diagnosis.ExchangeCode is not (BybitErrors.ParameterError or BybitErrors.NotForUnifiedAccounts))
            {
                return first.FailureAs<BalanceSnapshot>();
            }
        }

        var modeRead = SignedAsync(AccountInfo, account, BybitResponses.AccountMode, cancellationToken);
        var fundingRead = SignedAsync(Funding, account, BybitResponses.FundingBalances, cancellationToken);
        var flexibleRead = SignedAsync(FlexibleSaving, account, root => BybitResponses.EarnPositions(root, WalletKind.Earn), cancellationToken);
        var onChainRead = SignedAsync(OnChain, account, root => BybitResponses.EarnPositions(root, WalletKind.Staking), cancellationToken);
        var fixedTermRead = SignedAsync(FixedTerm, account, root => BybitResponses.EarnPositions(root, WalletKind.Earn), cancellationToken);
        unifiedRead ??= seen == Classic ? null : ReadWallet(Unified, WalletKind.Trading, account, cancellationToken);
        var spotRead = seen == Classic ? ReadWallet(ClassicSpot, WalletKind.Spot, account, cancellationToken) : null;
        var contractRead = HasContractWallet(seen) ? ReadWallet(Contract, WalletKind.Futures, account, cancellationToken) : null;
        await Task.WhenAll(new Task?[] { modeRead, fundingRead, flexibleRead, onChainRead, fixedTermRead, unifiedRead, spotRead, contractRead }.OfType<Task>()).ConfigureAwait(false);

        if (unifiedRead is not null && await unifiedRead.ConfigureAwait(false) is { IsSuccess: false } refused
            && refused.Diagnosis.ExchangeCode is not (BybitErrors.ParameterError or BybitErrors.NotForUnifiedAccounts))
        {
            return FailedAsAWhole(
                refused.Diagnosis,
                (await modeRead.ConfigureAwait(false)).Diagnosis,
                (await fundingRead.ConfigureAwait(false)).Diagnosis,
                (await flexibleRead.ConfigureAwait(false)).Diagnosis,
                (await onChainRead.ConfigureAwait(false)).Diagnosis,
                (await fixedTermRead.ConfigureAwait(false)).Diagnosis,
                contractRead is null ? null : (await contractRead.ConfigureAwait(false)).Diagnosis);
        }

        var mode = await modeRead.ConfigureAwait(false);
        var funding = await fundingRead.ConfigureAwait(false);
        var flexible = await flexibleRead.ConfigureAwait(false);
        var onChain = await onChainRead.ConfigureAwait(false);
        var fixedTerm = await fixedTermRead.ConfigureAwait(false);
        if (mode.IsSuccess)
        {
            _modes[apiKey] = mode.Value;
        }

        // A classic account has no unified wallet: its spot and contract wallets take its place (UTA 1.0 keeps the
        // contract wallet beside the unified one; https://bybit-exchange.github.io/docs/v5/acct-mode).
        var accountMode = mode.IsSuccess ? mode.Value : seen;
        var main = new List<(WalletKind Wallet, ExchangeResult<IReadOnlyList<AssetBalance>> Read)>();
        if (accountMode == Classic)
        {
            spotRead ??= ReadWallet(ClassicSpot, WalletKind.Spot, account, cancellationToken);
            contractRead ??= ReadWallet(Contract, WalletKind.Futures, account, cancellationToken);
            main.Add((WalletKind.Spot, await spotRead.ConfigureAwait(false)));
            main.Add((WalletKind.Futures, await contractRead.ConfigureAwait(false)));
        }
        else
        {
            unifiedRead ??= ReadWallet(Unified, WalletKind.Trading, account, cancellationToken);
            main.Add((WalletKind.Trading, await unifiedRead.ConfigureAwait(false)));
            if (HasContractWallet(accountMode))
            {
                contractRead ??= ReadWallet(Contract, WalletKind.Futures, account, cancellationToken);
                main.Add((WalletKind.Futures, await contractRead.ConfigureAwait(false)));
            }
        }

        if (!main[0].Read.IsSuccess)
        {
            return main[0].Read.FailureAs<BalanceSnapshot>();
        }

        // Earn is read from two endpoints: named as Bybit's Earn page names the products, the two readings are told apart.
        var others = new (WalletKind Wallet, ExchangeResult<IReadOnlyList<AssetBalance>> Read, string? Name)[]
        {
            (WalletKind.Funding, funding, null),
            (WalletKind.Earn, flexible, "Flexible Savings"),
            (WalletKind.Staking, onChain, null),
            (WalletKind.Earn, fixedTerm, "Fixed-Term Savings"),
        };
        var all = main.Select(w => (w.Wallet, w.Read, Name: (string?)null)).Concat(others).ToList();
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            all.SelectMany(w => w.Read.Value ?? []),
            [.. all.Select(w => new WalletReading(w.Wallet, w.Read.Diagnosis) { AccountName = w.Name })]));
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
