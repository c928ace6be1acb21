using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Coinbase;

/// <summary>
/// Coinbase Advanced Trade: every account of the key's portfolio — crypto and cash accounts, vaults, perpetual-futures
/// accounts — page by page from <c>GET /api/v3/brokerage/accounts</c>; key facts from <c>GET /api/v3/brokerage/key_permissions</c>;
/// prices from the public products. A key sees one portfolio only, so each portfolio is its own connection.
/// </summary>
internal sealed class CoinbaseConnector(ExchangeTransport transport) : ExchangeConnector(transport, new CoinbaseProtocol())
{
    /// <summary>Enough pages for 5,000 accounts; Coinbase allows at most 100 portfolios, each with one account per currency.</summary>
    private const int MaxAccountPages = 20;

    private static readonly ExchangeCall KeyPermissions = ExchangeCall.SignedGet(CoinbasePaths.KeyPermissions);
    private static readonly ExchangeCall Products = ExchangeCall.PublicGet(CoinbasePaths.PublicProducts, "product_type=SPOT");

    public override ExchangeDescriptor Descriptor => CoinbaseDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        LinkOrganization(account);
        var balances = new List<AssetBalance>();
        var vaults = 0;
        string? cursor = null;
        for (var page = 0; page < MaxAccountPages; page++)
        {
            var read = await SignedAsync(ExchangeCall.SignedGet(CoinbasePaths.Accounts, CoinbasePaths.AccountsQuery(cursor)), account, CoinbaseResponses.Accounts, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return read.FailureAs<BalanceSnapshot>();
            }

            balances.AddRange(read.Value.Balances);
            vaults += read.Value.Vaults;
            cursor = read.Value.NextCursor;
            if (string.IsNullOrEmpty(cursor))
            {
                break;
            }
        }

        var merged = CoinbaseResponses.Merge(balances);
        List<WalletReading> wallets =
        [
            new WalletReading(WalletKind.Spot) { AccountName = CoinbaseResponses.TradingAccounts },
            vaults > 0 ? new WalletReading(WalletKind.Funding) { AccountName = CoinbaseResponses.VaultAccounts } : WalletReading.NotOpened(WalletKind.Funding, CoinbaseResponses.VaultAccounts),
        ];
        if (merged.Any(b => b.Wallet == WalletKind.Futures))
        {
            wallets.Add(new WalletReading(WalletKind.Futures));
        }

        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(merged, [.. wallets]));
    }

    protected override Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        LinkOrganization(account);
        return SignedAsync(KeyPermissions, account, CoinbaseResponses.KeyFacts, cancellationToken);
    }

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Products, endpoint, root => Parsing.UsdPrices.Select(CoinbaseResponses.Markets(root), assets), cancellationToken);

    /// <summary>Keys of one CDP organization belong to one user, who has one private rate-limit budget: the key name says which.</summary>
    private void LinkOrganization(ExchangeAccount account)
    {
        var parts = account.Credentials.ApiKey.Split('/');
        if (parts is ["organizations", { Length: > 0 } organization, "apiKeys", _])
        {
            Transport.Budgets.LinkAccount(Exchange, account.Credentials.ApiKey, organization);
        }
    }
}
