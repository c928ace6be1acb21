using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Htx;

/// <summary>HTX spot: the spot, margin and OTC (funding) accounts; key facts from the user's API-key information.</summary>
internal sealed class HtxConnector(ExchangeTransport transport) : ExchangeConnector(transport, new HtxProtocol())
{
    private static readonly ExchangeCall Accounts = ExchangeCall.SignedGet("/v1/account/accounts");
    private static readonly ExchangeCall Uid = ExchangeCall.SignedGet("/v2/user/uid");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/market/tickers");

    public override ExchangeDescriptor Descriptor => HtxDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var accounts = await SignedAsync(Accounts, account, HtxResponses.Accounts, cancellationToken).ConfigureAwait(false);
        if (!accounts.IsSuccess)
        {
            return accounts.FailureAs<BalanceSnapshot>();
        }

        var balances = new List<AssetBalance>();
        var wallets = new List<WalletReading>();
        foreach (var (id, wallet) in accounts.Value)
        {
            var call = ExchangeCall.SignedGet(FormattableString.Invariant($"/v1/account/accounts/{id}/balance"));
            var read = await SignedAsync(call, account, root => HtxResponses.Balances(root, wallet), cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess && wallet == WalletKind.Spot)
            {
                return read.FailureAs<BalanceSnapshot>();
            }

            balances.AddRange(read.Value ?? []);
            wallets.Add(new WalletReading(wallet, read.Diagnosis));
        }

        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(balances, [.. wallets]));
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
}
