using System.Collections.Concurrent;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Htx;

/// <summary>
/// HTX: the spot, isolated and cross margin (net of loans), OTC and point accounts on the spot host, and the USDT-margined
/// (unified or not), coin-margined swap and coin-margined futures accounts on the derivatives host, every wallet with its
/// own outcome; key facts from the user's API-key information. The account ids the balance calls need are kept from the
/// previous sync and asked again only when a call with them fails (and, beside the balance reads, once an hour, so a wallet
/// opened since is seen): with them known, every wallet is read in one round trip.
/// </summary>
internal sealed class HtxConnector(ExchangeTransport transport) : ExchangeConnector(transport, new HtxProtocol())
{
    /// <summary>The only right a read needs, as HTX's API-key page names it.</summary>
    internal const string ReadRight = "Read-only";

    private static readonly TimeSpan AccountsKeptFor = TimeSpan.FromHours(1);

    /// <summary>HTX's answers to a balance call with an account id that is not (or no longer) the user's.</summary>
    private static readonly string[] UnknownAccount = ["account-get-balance-account-inexistent-error", "account-account-id-inexistent", "account-get-accounts-inexistent-error"];

    /// <summary>
    /// A derivatives account never opened: <c>1010</c> "Account doesnt exist." (ccxt/ccxt#12469, for contract_account_info)
    /// and <c>1220</c> "…you have not opened contracts trading." (ccxt/ccxt#11994); HTX's docs list neither.
    /// </summary>
    private static readonly string[] NotOpened = ["1010", "1220"];

    /// <summary><c>4002</c>: the account is unified, its USDT-margined money is read with v3/unified_account_info (ccxt/ccxt#16543).</summary>
    private const string UnifiedAccount = "4002";

    private static readonly ExchangeCall Accounts = ExchangeCall.SignedGet("/v1/account/accounts");
    private static readonly ExchangeCall Uid = ExchangeCall.SignedGet("/v2/user/uid");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/market/tickers");

    /// <summary>The sub-user list gives at most 100 a page; at most this many pages.</summary>
    private const int MaxSubUserPages = 50;

    // HTX derivatives API (https://www.htx.com/en-us/opend/newApiPages/): "Query User's Account Information" of the
    // coin-margined swaps and futures, USDT-margined cross margin (non-unified accounts) and "Query unified account assets".
    private static readonly ExchangeCall CrossUsdtAccount = new(HttpMethod.Post, "/linear-swap-api/v1/swap_cross_account_info", Body: """{"margin_account":"USDT"}""");
    private static readonly ExchangeCall UnifiedUsdtAccount = ExchangeCall.SignedGet("/linear-swap-api/v3/unified_account_info");
    private static readonly ExchangeCall CoinSwapAccount = new(HttpMethod.Post, "/swap-api/v1/swap_account_info", Body: "{}");
    private static readonly ExchangeCall CoinFuturesAccount = new(HttpMethod.Post, "/api/v1/contract_account_info", Body: "{}");

    /// <summary>Per key and host: its accounts, when they were listed, and whether its USDT-margined account is unified.</summary>
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    public override ExchangeDescriptor Descriptor => HtxDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var spotHost = Transport.ResolveBaseUrl(Descriptor, account.Endpoint);
        var cacheKey = account.Credentials.ApiKey + " " + spotHost;
        var now = Transport.Time.GetUtcNow();

        // With the accounts known from the previous sync, every wallet is read at once, in one round trip; once an hour
        // the accounts are listed again beside those reads, so a wallet opened since is seen.
        if (_known.TryGetValue(cacheKey, out var known) && known.Accounts.Any(a => a.Type == "spot"))
        {
            var relist = now - known.ListedAt >= AccountsKeptFor ? SignedAsync(Accounts, account, HtxResponses.Accounts, cancellationToken) : null;
            var read = await ReadWalletsAsync(known, account, spotHost, cacheKey, cancellationToken).ConfigureAwait(false);
            var relisted = relist is null ? null : await relist.ConfigureAwait(false);
            if (read.IsSuccess)
            {
                if (relisted is not { IsSuccess: true })
                {
                    return read;
                }

                var current = _known.TryGetValue(cacheKey, out var latest) ? latest : known;
                var fresh = current with { Accounts = relisted.Value, ListedAt = now };
                _known[cacheKey] = fresh;
                return relisted.Value.All(a => known.Accounts.Any(k => k.Id == a.Id))
                    ? read
                    : await ReadWalletsAsync(fresh, account, spotHost, cacheKey, cancellationToken).ConfigureAwait(false);
            }

            // A call with the known ids failed: they are asked again, at once when HTX says the id is not the user's.
            if (!IsUnknownAccount(read))
            {
                return read;
            }
        }

        var listed = await SignedAsync(Accounts, account, HtxResponses.Accounts, cancellationToken).ConfigureAwait(false);
        if (!listed.IsSuccess)
        {
            return listed.FailureAs<BalanceSnapshot>();
        }

        known = new Known(listed.Value, now, _known.TryGetValue(cacheKey, out var before) ? before.Unified : null);
        _known[cacheKey] = known;
        return await ReadWalletsAsync(known, account, spotHost, cacheKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every wallet at once: each account's balance on the spot host and the three derivatives accounts. The spot
    /// account always exists, so its refusal is the key's and fails the reading as a whole.</summary>
    private async Task<ExchangeResult<BalanceSnapshot>> ReadWalletsAsync(Known known, ExchangeAccount account, Uri spotHost, string cacheKey, CancellationToken cancellationToken)
    {
        var accounts = known.Accounts;
        var balanceReads = accounts.Select(a => BalanceAsync(a, account, cancellationToken)).ToList();
        var contractHost = HtxDescriptor.ContractHosts.TryGetValue(spotHost, out var contracts) ? contracts : spotHost;
        var usdtRead = UsdtMarginedAsync(account, contractHost, cacheKey, known.Unified, cancellationToken);
        var coinSwapRead = CallAtAsync(CoinSwapAccount, contractHost, account, HtxResponses.ContractBalances, cancellationToken);
        var coinFuturesRead = CallAtAsync(CoinFuturesAccount, contractHost, account, HtxResponses.ContractBalances, cancellationToken);
        await Task.WhenAll([.. balanceReads, usdtRead, coinSwapRead, coinFuturesRead]).ConfigureAwait(false);

        var balances = new List<AssetBalance>();
        var wallets = new List<WalletReading>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var read = await balanceReads[i].ConfigureAwait(false);
            if (accounts[i].Type == "spot" && !read.IsSuccess)
            {
                // The key's own refusal (the spot account always exists): the reading fails as a whole.
                Forget(cacheKey, read);
                return FailedAsAWhole(
                    read.Diagnosis,
                    [
                        .. (await Task.WhenAll(balanceReads).ConfigureAwait(false)).Select(r => r.Diagnosis),
                        (await usdtRead.ConfigureAwait(false)).Diagnosis,
                        (await coinSwapRead.ConfigureAwait(false)).Diagnosis,
                        (await coinFuturesRead.ConfigureAwait(false)).Diagnosis,
                    ]);
            }

            // A call with the known ids failed: the next sync lists the accounts again.
            Forget(cacheKey, read);

            balances.AddRange(read.Value ?? []);
            wallets.Add(Reading(accounts[i].Wallet, read, ReadRight, accounts[i].Name));
        }

        foreach (var (type, wallet) in HtxResponses.Wallets.Where(w => accounts.All(a => a.Type != w.Type)))
        {
            wallets.Add(WalletReading.NotOpened(wallet, type));
        }

        foreach (var (name, read) in new[]
        {
            ("USDT-margined", await usdtRead.ConfigureAwait(false)),
            ("coin-margined swaps", await coinSwapRead.ConfigureAwait(false)),
            ("coin-margined futures", await coinFuturesRead.ConfigureAwait(false)),
        })
        {
            balances.AddRange(read.Value ?? []);
            wallets.Add(NotOpened.Contains(read.Diagnosis?.ExchangeCode) ? WalletReading.NotOpened(WalletKind.Futures, name) : Reading(WalletKind.Futures, read, ReadRight, name));
        }

        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(balances, [.. wallets]));
    }

    /// <summary>Every sub-user of the parent account, by uid, 100 a page, the next asked from the <c>nextId</c> HTX gives.</summary>
    protected override async Task<ExchangeResult<IReadOnlyList<SubAccount>>> ReadSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var all = new List<SubAccount>();
        string? from = null;
        for (var page = 0; page < MaxSubUserPages; page++)
        {
            var call = ExchangeCall.SignedGet(HtxPaths.SubUserList, from is null ? null : "fromId=" + from);
            var read = await SignedAsync(call, account, HtxResponses.SubUsers, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return read.FailureAs<IReadOnlyList<SubAccount>>();
            }

            all.AddRange(read.Value.SubUsers);
            if (read.Value.NextId is not { } next || next == from)
            {
                break;
            }

            from = next;
        }

        return ExchangeResult<IReadOnlyList<SubAccount>>.Success([.. all.DistinctBy(s => s.Id, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// A sub-user's spot, margin, OTC and point accounts, by its uid, in one call with the parent's key: an account type
    /// the answer does not list was never opened, as for the parent's own accounts. The sub-user's derivatives accounts
    /// are not read.
    /// </summary>
    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadSubAccountBalancesAsync(ExchangeAccount account, string subAccount, CancellationToken cancellationToken)
    {
        var call = ExchangeCall.SignedGet(HtxPaths.SubUserAccountsPrefix + Uri.EscapeDataString(subAccount));
        var read = await SignedAsync(call, account, HtxResponses.SubUserAccounts, cancellationToken).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return read.FailureAs<BalanceSnapshot>();
        }

        var wallets = HtxResponses.Wallets
            .Select(w => read.Value.Any(a => a.Type == w.Type) ? new WalletReading(w.Wallet) { AccountName = w.Type } : WalletReading.NotOpened(w.Wallet, w.Type))
            .ToArray();
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(read.Value.SelectMany(a => a.Balances), wallets));
    }

    protected override async Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var uid = await SignedAsync(Uid, account, HtxResponses.Uid, cancellationToken).ConfigureAwait(false);
        if (!uid.IsSuccess)
        {
            return uid.FailureAs<KeyFacts>();
        }

        Transport.Budgets.LinkAccount(Exchange, account.Credentials.ApiKey, uid.Value);
        var call = ExchangeCall.SignedGet("/v2/user/api-key", "uid=" + Uri.EscapeDataString(uid.Value) + "&accessKey=" + Uri.EscapeDataString(account.Credentials.ApiKey));
        return await SignedAsync(
            call,
            account,
            root => HtxResponses.KeyFacts(root, account.Credentials.ApiKey, uid.Value, Transport.Time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
    }

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(HtxResponses.Markets(root), assets), cancellationToken);

    /// <summary>After a failed balance call the accounts are listed again, unless HTX only asked to slow down: a rate
    /// limit says nothing of the ids, and listing them would be one more call while the limit lasts.</summary>
    private void Forget<T>(string cacheKey, ExchangeResult<T> read)
    {
        if (!read.IsSuccess && read.Diagnosis.Category != DiagnosisCategory.RateLimited)
        {
            _known.TryRemove(cacheKey, out _);
        }
    }

    private static bool IsUnknownAccount<T>(ExchangeResult<T> read) => UnknownAccount.Contains(read.Diagnosis?.ExchangeCode);

    private Task<ExchangeResult<IReadOnlyList<AssetBalance>>> BalanceAsync(HtxAccount htx, ExchangeAccount account, CancellationToken cancellationToken) =>
        SignedAsync(
            ExchangeCall.SignedGet(FormattableString.Invariant($"/v1/account/accounts/{htx.Id}/balance")),
            account,
            root => HtxResponses.Balances(root, htx.Wallet),
            cancellationToken);

    /// <summary>
    /// The USDT-margined account: the cross-margin account of a classic one, or, when HTX answers that the account is
    /// unified (<c>4002</c>), the unified account, which is then asked first on the next sync.
    /// </summary>
    private async Task<ExchangeResult<IReadOnlyList<AssetBalance>>> UsdtMarginedAsync(
        ExchangeAccount account, Uri host, string cacheKey, bool? unified, CancellationToken cancellationToken)
    {
        if (unified != true)
        {
            var cross = await CallAtAsync(CrossUsdtAccount, host, account, HtxResponses.ContractBalances, cancellationToken).ConfigureAwait(false);
            if (cross.Diagnosis?.ExchangeCode != UnifiedAccount)
            {
                return cross;
            }

            Remember(cacheKey, true);
        }

        var read = await CallAtAsync(UnifiedUsdtAccount, host, account, HtxResponses.ContractBalances, cancellationToken).ConfigureAwait(false);
        if (!read.IsSuccess && unified == true)
        {
            // Perhaps no longer unified: the next sync asks the classic account first again.
            Remember(cacheKey, null);
        }

        return read;
    }

    private void Remember(string cacheKey, bool? unified)
    {
        if (_known.TryGetValue(cacheKey, out var known))
        {
            _known.TryUpdate(cacheKey, known with { Unified = unified }, known);
        }
    }

    private sealed record Known(IReadOnlyList<HtxAccount> Accounts, DateTimeOffset ListedAt, bool? Unified);
}
