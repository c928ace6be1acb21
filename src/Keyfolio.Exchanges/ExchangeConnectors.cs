using Keyfolio.Exchanges.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges;

/// <summary>
/// The connectors of every exchange in <see cref="ExchangeCatalog"/>, sharing one transport: one clock per exchange
/// host, one set of rate-limit budgets and one nonce store for the whole process (the state directory's nonce files,
/// unless another <see cref="INonceStore"/> is given). Registered by <c>AddKeyfolioExchanges</c>, or made with <c>Create</c>.
/// </summary>
public sealed class ExchangeConnectors
{
    private readonly Dictionary<ExchangeId, IExchangeConnector> _connectors;

    internal ExchangeConnectors(ExchangeTransport transport)
    {
        Transport = transport;
        _connectors = ExchangeCatalog.Registrations.ToDictionary(r => r.Descriptor.Id, r => r.CreateConnector(transport));
    }

    public IExchangeConnector this[ExchangeId exchange] => _connectors[exchange];

    public IReadOnlyList<IExchangeConnector> All => [.. ExchangeIds.All.Select(id => _connectors[id])];

    /// <summary>
    /// How many Keyfolio nodes send their calls from this node's egress address, this one included: 1 (the default)
    /// when the address is this node's own. An exchange counts its per-IP limits per address, so with a share of
    /// <c>n</c> each per-IP budget admits at most its limit divided by <c>n</c> (rounded down, at least one call) per
    /// window, and the nodes together stay within the address's limit. Per-account budgets are unaffected. A change
    /// applies at once to the budgets in use: the calls they hold stay counted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The share is less than 1.</exception>
    public int EgressAddressShare
    {
        get => Transport.Budgets.AddressShare;
        set => Transport.Budgets.AddressShare = value;
    }

    /// <summary>The transport the connectors share, for clients of an exchange's other APIs (OKX Fast API).</summary>
    internal ExchangeTransport Transport { get; }

    /// <summary>Connectors without dependency injection. Without an <paramref name="httpClient"/>, one is made with
    /// pooled connections that are renewed every few minutes; without <paramref name="nonces"/>, nonces are kept in the
    /// state directory's files (<see cref="FileNonceStore"/>).</summary>
    public static ExchangeConnectors Create(
        ExchangeClientOptions? options = null,
        HttpClient? httpClient = null,
        ILoggerFactory? loggerFactory = null,
        IExchangeCallObserver? observer = null,
        TimeProvider? timeProvider = null,
        INonceStore? nonces = null)
    {
        options ??= new ExchangeClientOptions();
        var validation = new ExchangeClientOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(ExchangeClientOptions), typeof(ExchangeClientOptions), validation.Failures);
        }

        var client = httpClient ?? new HttpClient(ExchangeHttpHandler.Create(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return Create(() => client, options, loggerFactory ?? NullLoggerFactory.Instance, observer, timeProvider ?? TimeProvider.System, nonces);
    }

    internal static ExchangeConnectors Create(
        Func<HttpClient> httpClient,
        ExchangeClientOptions options,
        ILoggerFactory loggerFactory,
        IExchangeCallObserver? observer,
        TimeProvider time,
        INonceStore? nonces) =>
        new(new ExchangeTransport(
            httpClient,
            options,
            time,
            loggerFactory.CreateLogger("Keyfolio.Exchanges"),
            observer ?? NoCallObserver.Instance,
            new RateLimitBudgets(time),
            new ServerClocks(time),
            nonces ?? new FileNonceStore(options.ResolvedStateDirectory, time)));
}
