using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Kraken;

/// <summary>
/// Kraken spot: every wallet from the extended balance (plain codes spot, <c>.F</c>/<c>.M</c> earn, <c>.S</c>/<c>.B</c>/<c>.P</c>
/// staking), topped up by earn allocations the balance does not show; key facts from <c>GetApiKeyInfo</c>; prices from the
/// pairs and tickers.
/// </summary>
internal sealed class KrakenConnector(ExchangeTransport transport) : ExchangeConnector(transport, new KrakenProtocol(transport.Nonces))
{
    private static readonly ExchangeCall BalanceEx = Private("/0/private/BalanceEx");
    private static readonly ExchangeCall EarnAllocations = Private("/0/private/Earn/Allocations", "hide_zero_allocations=true");
    private static readonly ExchangeCall ApiKeyInfo = Private("/0/private/GetApiKeyInfo");
    private static readonly ExchangeCall WithdrawMethods = Private("/0/private/WithdrawMethods");
    private static readonly ExchangeCall AssetPairs = ExchangeCall.PublicGet("/0/public/AssetPairs");
    private static readonly ExchangeCall Tickers = ExchangeCall.PublicGet("/0/public/Ticker");

    public override ExchangeDescriptor Descriptor => KrakenDescriptor.Instance;

    private static ExchangeCall Private(string path, string? fields = null) => new(HttpMethod.Post, path, Body: fields);

    protected override async Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var balances = await SignedAsync(BalanceEx, account, KrakenResponses.Balances, cancellationToken).ConfigureAwait(false);
        if (!balances.IsSuccess)
        {
            return balances.Diagnosis is { Category: DiagnosisCategory.MissingPermission } denied
                ? ExchangeResult<BalanceSnapshot>.Failure(await TellDenialAsync(denied, account, cancellationToken).ConfigureAwait(false))
                : balances.FailureAs<BalanceSnapshot>();
        }

        var allocations = await SignedAsync(EarnAllocations, account, KrakenResponses.Allocations, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<BalanceSnapshot>.Success(allocations.IsSuccess
            ? Snapshot(KrakenResponses.WithAllocations(balances.Value, allocations.Value),
                new WalletReading(WalletKind.Spot), new WalletReading(WalletKind.Earn), new WalletReading(WalletKind.Staking))
            : Snapshot(balances.Value,
                new WalletReading(WalletKind.Spot), new WalletReading(WalletKind.Earn, allocations.Diagnosis), new WalletReading(WalletKind.Staking)));
    }

    protected override async Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var now = Transport.Time.GetUtcNow();
        var facts = await SignedAsync(ApiKeyInfo, account, root => KrakenResponses.KeyFacts(root, now), cancellationToken).ConfigureAwait(false);
        if (facts.Diagnosis is { Category: DiagnosisCategory.MissingPermission } denied)
        {
            // The call needs no permission: refused, it is the address.
            return ExchangeResult<KeyFacts>.Failure(KrakenErrors.AsIpRefusal(denied));
        }

        if (facts.IsSuccess || !Undescribed(facts.Diagnosis))
        {
            return facts;
        }

        // A key Kraken does not describe: the withdrawal right is probed with a call that only lists withdrawal methods
        // (it needs Query Funds and Withdraw Funds; Kraken API, "Get Withdrawal Methods":
        // https://docs.kraken.com/api-reference/funding/get-withdrawal-methods).
        var probe = await SignedAsync(WithdrawMethods, account, _ => true, cancellationToken).ConfigureAwait(false);
        var withdraw = probe switch
        {
            { IsSuccess: true } => PermissionState.Granted,
            { Diagnosis.Category: DiagnosisCategory.MissingPermission } => PermissionState.Absent,
            _ => PermissionState.Unknown,
        };
        return ExchangeResult<KeyFacts>.Success(KrakenResponses.Probed(withdraw));
    }

    /// <summary>
    /// "EGeneral:Permission denied" answers both a missing right and, as far as Kraken documents, a call from outside the
    /// key's IP allowlist. GetApiKeyInfo needs no permission at all: refused too, it is the address; answered, it is the right.
    /// </summary>
    private async Task<Diagnosis> TellDenialAsync(Diagnosis denied, ExchangeAccount account, CancellationToken cancellationToken)
    {
        var facts = await SignedAsync(ApiKeyInfo, account, _ => true, cancellationToken).ConfigureAwait(false);
        return facts switch
        {
            { IsSuccess: true } => KrakenErrors.AsMissingRight(denied),
            { Diagnosis.Category: DiagnosisCategory.MissingPermission } => KrakenErrors.AsIpRefusal(denied),
            _ => denied,
        };
    }

    /// <summary>GetApiKeyInfo is recent: a host that does not serve it (404) or reports it disabled says nothing about the key.</summary>
    private static bool Undescribed(Diagnosis? diagnosis) =>
        diagnosis is { HttpStatus: 404 } or { ExchangeCode: "EAPI:Feature disabled" };

    protected override async Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken)
    {
        var pairs = await PublicAsync(AssetPairs, endpoint, KrakenResponses.Pairs, cancellationToken).ConfigureAwait(false);
        return pairs.IsSuccess
            ? await PublicAsync(Tickers, endpoint, root => Parsing.UsdPrices.Select(KrakenResponses.Markets(root, pairs.Value), assets), cancellationToken).ConfigureAwait(false)
            : pairs.FailureAs<IReadOnlyDictionary<string, decimal>>();
    }
}
