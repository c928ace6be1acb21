using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Gate;

/// <summary>Gate v4: spot balances; key facts from the account detail (IP whitelist) and the main-account keys (rights).</summary>
internal sealed class GateConnector(ExchangeTransport transport) : ExchangeConnector(transport, new GateProtocol())
{
    private static readonly ExchangeCall SpotAccounts = ExchangeCall.SignedGet("/api/v4/spot/accounts");
    private static readonly ExchangeCall AccountDetail = ExchangeCall.SignedGet("/api/v4/account/detail");
    private static readonly ExchangeCall MainKeys = ExchangeCall.SignedGet("/api/v4/account/main_keys");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/api/v4/spot/tickers");

    public override ExchangeDescriptor Descriptor => GateDescriptor.Instance;

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var spot = await SignedAsync(SpotAccounts, account, GateResponses.SpotBalances, cancellationToken).ConfigureAwait(false);
        return spot.IsSuccess
            ? ExchangeResult<BalanceSnapshot>.Success(Snapshot(spot.Value, new WalletReading(WalletKind.Spot)))
            : spot.FailureAs<BalanceSnapshot>();
    }

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
}
