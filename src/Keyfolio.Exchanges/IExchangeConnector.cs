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

    Task<ExchangeResult<BalanceSnapshot>> GetBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken);

    Task<ExchangeResult<KeyFacts>> GetKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken);

    /// <summary>USD prices of the assets (common tickers) from the exchange's public tickers; assets without a USD,
    /// USDT or USDC market are left out.</summary>
    Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> GetUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken);
}
