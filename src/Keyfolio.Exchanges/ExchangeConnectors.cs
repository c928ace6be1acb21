using Keyfolio.Exchanges.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges;

/// <summary>
/// The seven connectors, sharing one transport: one clock per exchange host, one set of rate-limit budgets and one
/// nonce store for the whole process. Registered by <c>AddKeyfolioExchanges</c>, or made with <c>Create</c>.
/// </summary>
public sealed class ExchangeConnectors
{
    private readonly Dictionary<ExchangeId, IExchangeConnector> _connectors;
    private readonly ExchangeTransport _transport;

    internal ExchangeConnectors(ExchangeTransport transport)
    {
        _transport = transport;
        _connectors = new Dictionary<ExchangeId, IExchangeConnector>
        {
            [ExchangeId.Binance] = new Binance.BinanceConnector(transport),
            [ExchangeId.Okx] = new Okx.OkxConnector(transport),
            [ExchangeId.Htx] = new Htx.HtxConnector(transport),
            [ExchangeId.Bitfinex] = new Bitfinex.BitfinexConnector(transport),
            [ExchangeId.HitBtc] = new HitBtc.HitBtcConnector(transport),
            [ExchangeId.Gate] = new Gate.GateConnector(transport),
            [ExchangeId.Bittrex] = new Bittrex.BittrexConnector(transport),
        };
    }

    public IExchangeConnector this[ExchangeId exchange] => _connectors[exchange];

    public IReadOnlyList<IExchangeConnector> All => [.. ExchangeIds.All.Select(id => _connectors[id])];

    /// <summary>
    /// An OKX Fast API (OAuth) client sharing these connectors' HTTP client, timeout, clock and logging. The options are
    /// copied; settings that <see cref="Okx.OkxFastApiOptionsValidator.Check"/> reports make it throw
    /// <see cref="OptionsValidationException"/>.
    /// </summary>
    public Okx.OkxFastApiClient CreateOkxFastApiClient(Okx.OkxFastApiOptions options) => new(_transport, options);

    /// <summary>Connectors without dependency injection. Without an <paramref name="httpClient"/>, one is made with
    /// pooled connections that are renewed every few minutes.</summary>
    public static ExchangeConnectors Create(
        ExchangeClientOptions? options = null,
        HttpClient? httpClient = null,
        ILoggerFactory? loggerFactory = null,
        IExchangeCallObserver? observer = null,
        TimeProvider? timeProvider = null)
    {
        options ??= new ExchangeClientOptions();
        var validation = new ExchangeClientOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(ExchangeClientOptions), typeof(ExchangeClientOptions), validation.Failures);
        }

        var client = httpClient ?? new HttpClient(ExchangeHttpHandler.Create(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return Create(() => client, options, loggerFactory ?? NullLoggerFactory.Instance, observer, timeProvider ?? TimeProvider.System);
    }

    internal static ExchangeConnectors Create(
        Func<HttpClient> httpClient,
        ExchangeClientOptions options,
        ILoggerFactory loggerFactory,
        IExchangeCallObserver? observer,
        TimeProvider time) =>
        new(new ExchangeTransport(
            httpClient,
            options,
            time,
            loggerFactory.CreateLogger("Keyfolio.Exchanges"),
            observer ?? NoCallObserver.Instance,
            new RateLimitBudgets(time),
            new ServerClocks(time),
            new NonceStore(options.ResolvedStateDirectory, time)));
}
