using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Gate;

/// <summary>
/// Gate v4: the spot account, isolated margin, perpetual futures settled in USDT and in BTC, delivery, options and
/// Lend &amp; Earn at once, each wallet with its own outcome; key facts from the account detail (IP whitelist) and the
/// main-account keys (rights); a main account's sub-accounts and their spot, margin and perpetual futures accounts.
/// </summary>
internal sealed class GateConnector(ExchangeTransport transport) : ExchangeConnector(transport, new GateProtocol())
{
    /// <summary>Lend &amp; Earn pages of 100 (the most <c>limit</c> allows) read at most, 1,000 currencies.</summary>
    private const int MaxLendPages = 10;

    private static readonly ExchangeCall SpotAccounts = ExchangeCall.SignedGet(GatePaths.SpotAccounts);
    private static readonly ExchangeCall MarginAccounts = ExchangeCall.SignedGet(GatePaths.MarginAccounts);
    private static readonly ExchangeCall OptionsAccounts = ExchangeCall.SignedGet(GatePaths.OptionsAccounts);
    private static readonly ExchangeCall AccountDetail = ExchangeCall.SignedGet("/api/v4/account/detail");
    private static readonly ExchangeCall MainKeys = ExchangeCall.SignedGet("/api/v4/account/main_keys");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/v4/spot/tickers");

    /// <summary>
    /// Each wallet: its kind, Gate's name of the account (as its assets page and <c>/wallet/total_balance</c> call it), the
    /// call, and the key's permission group that reads it, as Gate's API-management page names it with the group's name
    /// in <c>main_keys.perms</c> (docs/exchange-permissions.md). The delivery account is read settled in USDT only: the
    /// docs list no other <c>settle</c> (https://www.gate.com/docs/developers/apiv4/en/delivery).
    /// </summary>
    private static readonly (WalletKind Kind, string Name, ExchangeCall Call, string Right)[] Derivatives =
    [
        (WalletKind.Futures, "USDT perpetual futures", ExchangeCall.SignedGet(GatePaths.FuturesAccounts("usdt")), PerpetualRight),
        (WalletKind.Futures, "BTC perpetual futures", ExchangeCall.SignedGet(GatePaths.FuturesAccounts("btc")), PerpetualRight),
        (WalletKind.Futures, "USDT delivery futures", ExchangeCall.SignedGet(GatePaths.DeliveryAccounts("usdt")), "Delivery (delivery): Read only"),
        (WalletKind.Options, "Options", OptionsAccounts, "Options (options): Read only"),
    ];

    private const string SpotRight = "Spot/Margin (spot): Read only";
    private const string MarginRight = "Spot/Margin (margin): Read only";
    private const string PerpetualRight = "Perpetual Futures (futures): Read only";
    private const string EarnRight = "Earn (earn): Read only";

    /// <summary>
    /// The right the sub-account reads need on the main account's key. Gate's docs name no permission group for
    /// <c>/sub_accounts</c> or the wallet's <c>sub_account_*balances</c>; the wallet group is the one its endpoints sit under.
    /// </summary>
    internal const string SubAccountRight = "Wallet (wallet): Read only";

    /// <summary>Every type of sub-account, regular and cross margin ones (without it, regular ones only).</summary>
    private static readonly ExchangeCall SubAccountList = ExchangeCall.SignedGet(GatePaths.SubAccounts, "type=0");

    /// <summary>The perpetual futures settlement currencies read of a sub-account, as of the main account.</summary>
    private static readonly (string Settle, string Name)[] SubAccountFutures = [("usdt", "USDT perpetual futures"), ("btc", "BTC perpetual futures")];

    public override ExchangeDescriptor Descriptor => GateDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        // The spot account exists on every Gate account, so its refusal is the key's and the reading fails as a whole. A
        // key that read last time reads every wallet at once, in one round trip; otherwise the spot account goes first,
        // alone, and nothing more is sent when it is refused.
        var spotRead = SignedAsync(SpotAccounts, account, GateResponses.SpotBalances, cancellationToken);
        if (!ReadBefore(account) && await spotRead.ConfigureAwait(false) is { IsSuccess: false } refused)
        {
            return refused.FailureAs<BalanceSnapshot>();
        }

        var marginRead = SignedAsync(MarginAccounts, account, GateResponses.MarginBalances, cancellationToken);
        var derivativeReads = Derivatives
            .Select(d => SignedAsync(d.Call, account, root => d.Kind == WalletKind.Options ? GateResponses.OptionsBalances(root) : GateResponses.FuturesBalances(root), cancellationToken))
            .ToList();
        var earnRead = ReadLendsAsync(account, cancellationToken);
        await Task.WhenAll([(Task)spotRead, marginRead, earnRead, .. derivativeReads]).ConfigureAwait(false);
        var spot = await spotRead.ConfigureAwait(false);
        if (!spot.IsSuccess)
        {
            return FailedAsAWhole(spot.Diagnosis, [(await marginRead.ConfigureAwait(false)).Diagnosis, (await earnRead.ConfigureAwait(false)).Diagnosis, .. (await Task.WhenAll(derivativeReads).ConfigureAwait(false)).Select(r => r.Diagnosis)]);
        }

        var balances = new List<AssetBalance>(spot.Value);
        var wallets = new List<WalletReading> { Reading(WalletKind.Spot, spot, SpotRight, "Spot account") };

        var margin = await marginRead.ConfigureAwait(false);
        balances.AddRange(margin.Value ?? []);
        wallets.Add(margin is { IsSuccess: true, Value: null }
            ? WalletReading.NotOpened(WalletKind.Margin, "Isolated margin")
            : Reading(WalletKind.Margin, margin, MarginRight, "Isolated margin"));

        for (var i = 0; i < Derivatives.Length; i++)
        {
            var (kind, name, _, right) = Derivatives[i];
            var read = await derivativeReads[i].ConfigureAwait(false);
            balances.AddRange(read.Value ?? []);
            wallets.Add(read.Diagnosis?.ExchangeCode == GateErrors.NotOpened ? WalletReading.NotOpened(kind, name) : Reading(kind, read, right, name));
        }

        var earn = await earnRead.ConfigureAwait(false);
        balances.AddRange(earn.Value ?? []);
        wallets.Add(Reading(WalletKind.Earn, earn, EarnRight, "Lend & Earn"));
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(balances, [.. wallets]));
    }

    /// <summary>Every sub-account of the main account, by its user id; a locked one is frozen.</summary>
    protected override Task<ExchangeResult<IReadOnlyList<SubAccount>>> ReadSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(SubAccountList, account, GateResponses.SubAccounts, cancellationToken);

    /// <summary>
    /// A sub-account's spot account, isolated and cross margin and USDT and BTC perpetual futures, by its user id, all at
    /// once with the main account's key. The spot account exists for every sub-account: its refusal is the sub-account's
    /// as a whole, and an answer without the sub-account's row means it is not the main account's. A margin or futures
    /// account the answer does not show was never opened.
    /// </summary>
    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadSubAccountBalancesAsync(ExchangeAccount account, string subAccount, CancellationToken cancellationToken)
    {
        var query = "sub_uid=" + Uri.EscapeDataString(subAccount);
        var spotRead = SignedAsync(ExchangeCall.SignedGet(GatePaths.SubAccountBalances, query), account, root => GateResponses.SubAccountSpot(root, subAccount), cancellationToken);
        var marginRead = SignedAsync(ExchangeCall.SignedGet(GatePaths.SubAccountMarginBalances, query), account, root => GateResponses.SubAccountMargin(root, subAccount), cancellationToken);
        var crossRead = SignedAsync(ExchangeCall.SignedGet(GatePaths.SubAccountCrossMarginBalances, query), account, root => GateResponses.SubAccountCrossMargin(root, subAccount), cancellationToken);
        var futuresReads = SubAccountFutures
            .Select(f => SignedAsync(ExchangeCall.SignedGet(GatePaths.SubAccountFuturesBalances, query + "&settle=" + f.Settle), account, root => GateResponses.SubAccountFutures(root, subAccount, f.Settle), cancellationToken))
            .ToList();
        await Task.WhenAll([spotRead, marginRead, crossRead, .. futuresReads]).ConfigureAwait(false);

        var spot = await spotRead.ConfigureAwait(false);
        if (!spot.IsSuccess)
        {
            return spot.FailureAs<BalanceSnapshot>();
        }

        if (spot.Value is null)
        {
            return ExchangeResult<BalanceSnapshot>.Failure(NotASubAccount(subAccount));
        }

        var balances = new List<AssetBalance>(spot.Value);
        var wallets = new List<WalletReading> { new(WalletKind.Spot) { AccountName = "Spot account" } };
        foreach (var (read, name) in new[] { (await marginRead.ConfigureAwait(false), "Isolated margin"), (await crossRead.ConfigureAwait(false), "Cross margin") })
        {
            balances.AddRange(read.Value ?? []);
            wallets.Add(read is { IsSuccess: true, Value: null } ? WalletReading.NotOpened(WalletKind.Margin, name) : Reading(WalletKind.Margin, read, SubAccountRight, name));
        }

        for (var i = 0; i < SubAccountFutures.Length; i++)
        {
            var read = await futuresReads[i].ConfigureAwait(false);
            var name = SubAccountFutures[i].Name;
            balances.AddRange(read.Value ?? []);
            wallets.Add(read is { IsSuccess: true, Value: null } || read.Diagnosis?.ExchangeCode == GateErrors.NotOpened
                ? WalletReading.NotOpened(WalletKind.Futures, name)
                : Reading(WalletKind.Futures, read, SubAccountRight, name));
        }

        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(balances, [.. wallets]));
    }

    private Diagnosis NotASubAccount(string subAccount) => new()
    {
        Category = DiagnosisCategory.MissingPermission,
        Exchange = Exchange,
        Explanation = Texts.Of("SubAccountNotUnderThisKey", subAccount),
        Fix = Texts.Of("CheckSubAccountsLeaveOut"),
    };

    protected override async Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var detail = await SignedAsync(AccountDetail, account, GateResponses.Detail, cancellationToken).ConfigureAwait(false);
        if (!detail.IsSuccess)
        {
            return detail.FailureAs<KeyFacts>();
        }

        var (userId, ips) = detail.Value;
        Transport.Budgets.LinkAccount(Exchange, account.Credentials.ApiKey, userId);
        var keys = await SignedAsync(MainKeys, account, root => GateResponses.MainKey(root, account.Credentials.ApiKey, userId, ips), cancellationToken).ConfigureAwait(false);
        return keys switch
        {
            { IsSuccess: true, Value: { } facts } => ExchangeResult<KeyFacts>.Success(facts),
            { IsSuccess: true } or { Diagnosis.Category: DiagnosisCategory.MissingPermission } =>
                ExchangeResult<KeyFacts>.Success(GateResponses.DetailOnly(userId, ips)),
            _ => keys.FailureAs<KeyFacts>(),
        };
    }

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(GateResponses.Markets(root), assets), cancellationToken);

    /// <summary>Lend &amp; Earn lending orders, page by page until a page is not full.</summary>
    private async Task<ExchangeResult<IReadOnlyList<AssetBalance>>> ReadLendsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        const int Limit = 100;
        var balances = new List<AssetBalance>();
        for (var page = 1; page <= MaxLendPages; page++)
        {
            var call = ExchangeCall.SignedGet(GatePaths.UniLends, FormattableString.Invariant($"page={page}&limit={Limit}"));
            var read = await SignedAsync(call, account, GateResponses.UniLends, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return read;
            }

            balances.AddRange(read.Value);
            if (read.Value.Count < Limit)
            {
                break;
            }
        }

        return ExchangeResult<IReadOnlyList<AssetBalance>>.Success(balances);
    }
}
