using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.HitBtc;

/// <summary>
/// HitBTC v3: trading and wallet balances. HitBTC has no endpoint describing a key, so its rights are inferred from
/// what it can read: the trading balance (read), the wallet balance ("Payment information", transfer) and the
/// active orders (trade). Withdrawal cannot be probed without a write and stays unknown.
/// </summary>
internal sealed class HitBtcConnector(ExchangeTransport transport) : ExchangeConnector(transport, new HitBtcProtocol())
{
    private static readonly ExchangeCall SpotBalance = ExchangeCall.SignedGet("/api/3/spot/balance");
    private static readonly ExchangeCall WalletBalance = ExchangeCall.SignedGet("/api/3/wallet/balance");
    private static readonly ExchangeCall ActiveOrders = ExchangeCall.SignedGet("/api/3/spot/order");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/3/public/ticker");

    public override ExchangeDescriptor Descriptor => HitBtcDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        // The wallet balance needs the "Payment information" right, which a read-only key may lack; the trading balance
        // needs only the read right, so its refusal is the key's and fails the reading as a whole. A key that read last
        // time reads both at once; otherwise the trading balance goes first, alone.
        var spotRead = SignedAsync(SpotBalance, account, root => HitBtcResponses.Balances(root, WalletKind.Spot), cancellationToken);
        if (!ReadBefore(account) && await spotRead.ConfigureAwait(false) is { IsSuccess: false } refused)
        {
            return refused.FailureAs<BalanceSnapshot>();
        }

        var walletRead = SignedAsync(WalletBalance, account, root => HitBtcResponses.Balances(root, WalletKind.Funding), cancellationToken);
        await Task.WhenAll(spotRead, walletRead).ConfigureAwait(false);
        var spot = await spotRead.ConfigureAwait(false);
        if (!spot.IsSuccess)
        {
            return FailedAsAWhole(spot.Diagnosis, (await walletRead.ConfigureAwait(false)).Diagnosis);
        }

        var wallet = await walletRead.ConfigureAwait(false);
        return ExchangeResult<BalanceSnapshot>.Success(Snapshot(
            spot.Value.Concat(wallet.Value ?? []),
            new WalletReading(WalletKind.Spot) { AccountName = "spot" },
            wallet.Diagnosis switch
            {
                null => new WalletReading(WalletKind.Funding) { AccountName = "wallet" },
                { Category: DiagnosisCategory.MissingPermission } refusal => WalletReading.NotPermitted(WalletKind.Funding, refusal, "Payment information", "wallet"),
                { } failure => WalletReading.Failed(WalletKind.Funding, failure, "wallet"),
            }));
    }

    protected override async Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var read = await ProbeAsync(SpotBalance, account, cancellationToken).ConfigureAwait(false);
        if (read.Failure is { } failure)
        {
            return ExchangeResult<KeyFacts>.Failure(failure);
        }

        var transfer = await ProbeAsync(WalletBalance, account, cancellationToken).ConfigureAwait(false);
        var trade = await ProbeAsync(ActiveOrders, account, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<KeyFacts>.Success(new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = read.State,
                [KeyPermission.SpotTrade] = trade.State,
                [KeyPermission.Margin] = PermissionState.Unknown,
                [KeyPermission.Futures] = PermissionState.Unknown,
                [KeyPermission.Withdraw] = PermissionState.Unknown,
                [KeyPermission.InternalTransfer] = transfer.State,
            },
            ExchangePermissions =
            [
                .. new[] { (read.State, "Orderbook, History, Trading balance"), (transfer.State, "Payment information"), (trade.State, "Place/cancel orders") }
                    .Where(p => p.Item1 == PermissionState.Granted)
                    .Select(p => p.Item2),
            ],
            Inferred = true,
        });
    }

    protected override Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken) =>
        PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(HitBtcResponses.Markets(root), assets), cancellationToken);

    /// <summary>An answer grants the right, a permission refusal denies it; any other failure leaves it unknown (and
    /// fails the facts when it is the read probe, since nothing can be said of a key that cannot read).</summary>
    private async Task<(PermissionState State, Diagnosis? Failure)> ProbeAsync(ExchangeCall call, ExchangeAccount account, CancellationToken cancellationToken)
    {
        var result = await SignedAsync(call, account, _ => true, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            { IsSuccess: true } => (PermissionState.Granted, null),
            { Diagnosis.Category: DiagnosisCategory.MissingPermission } => (PermissionState.Absent, null),
            _ => (PermissionState.Unknown, result.Diagnosis),
        };
    }
}
