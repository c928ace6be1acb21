namespace Keyfolio.Exchanges;

/// <summary>
/// One exchange, read through its documented REST API with a key. Every method answers with a result: data, or a
/// <see cref="Diagnosis"/> for anything the exchange or the network did. Only a refusal by the
/// <see cref="IExchangeCallObserver"/> and the caller's own cancellation surface as exceptions.
/// </summary>
public interface IExchangeConnector
{
    ExchangeDescriptor Descriptor { get; }

    /// <summary>One signed read (the balances), then the key's facts: what adding a connection calls.</summary>
    Task<ExchangeResult<KeyVerification>> VerifyAsync(ExchangeAccount account, CancellationToken cancellationToken);

    /// <summary>The balances of every wallet, and of the sub-accounts the account names (<see cref="ExchangeAccount.SubAccounts"/>),
    /// all read at once; a sub-account that cannot be read is a wallet not read, never a silent gap.</summary>
    Task<ExchangeResult<BalanceSnapshot>> GetBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken);

    /// <summary>The sub-accounts the key's (master) account has, where the exchange lets a read-only key list them
    /// (<see cref="ExchangeDescriptor.SubAccounts"/>); none where it does not. A sub-account's own key is refused by the exchange.</summary>
    Task<ExchangeResult<IReadOnlyList<SubAccount>>> GetSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken);

    Task<ExchangeResult<KeyFacts>> GetKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken);

    /// <summary>USD prices of the assets (common tickers) from the exchange's public tickers; assets without a USD,
    /// USDT or USDC market are left out.</summary>
    Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> GetUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken);
}
