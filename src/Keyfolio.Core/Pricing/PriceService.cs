using System.Collections.Concurrent;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Pricing;

/// <summary>
/// USD prices from the exchanges' public tickers, cached for <see cref="CacheDuration"/> per exchange host so that
/// connections refreshed together share one ticker read. An asset nobody quotes is left out of the answer, never
/// given a made-up price; dollar stablecoins fall back to their peg.
/// </summary>
public sealed class PriceService(ExchangeConnectors connectors, TimeProvider time)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, HostPrices> _hosts = new(StringComparer.Ordinal);

    /// <summary>Prices of <paramref name="assets"/> for holdings on <paramref name="endpoint"/>; unpriced assets are absent.</summary>
    public async Task<IReadOnlyDictionary<string, UsdPrice>> GetAsync(ExchangeEndpoint endpoint, IReadOnlyCollection<string> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(assets);
        var host = _hosts.GetOrAdd(HostKey(endpoint), _ => new HostPrices());
        var now = time.GetUtcNow();
        var wanted = assets.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Any(asset => !host.IsFresh(asset, now)))
        {
            await host.Turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                now = time.GetUtcNow();
                var missing = wanted.Where(asset => !host.IsFresh(asset, now)).ToList();
                if (missing.Count > 0)
                {
                    var answer = await connectors[endpoint.Exchange].GetUsdPricesAsync(endpoint, missing, cancellationToken).ConfigureAwait(false);
                    if (answer.IsSuccess)
                    {
                        foreach (var asset in missing)
                        {
                            host.Store(asset, answer.Value.TryGetValue(asset, out var price) ? price : null, now);
                        }
                    }
                }
            }
            finally
            {
                host.Turnstile.Release();
            }
        }

        var prices = new Dictionary<string, UsdPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var asset in wanted)
        {
            if (host.TryGet(asset, now) is { } own)
            {
                prices[asset] = new UsdPrice(own, PriceSource.Exchange);
            }
            else if (FromOtherHosts(asset, host, now) is { } other)
            {
                prices[asset] = new UsdPrice(other, PriceSource.OtherExchange);
            }
            else if (Stablecoins.IsPegged(asset))
            {
                prices[asset] = new UsdPrice(1m, PriceSource.Peg);
            }
        }

        return prices;
    }

    private decimal? FromOtherHosts(string asset, HostPrices except, DateTimeOffset now) =>
        _hosts.Values.Where(h => !ReferenceEquals(h, except)).Select(h => h.TryGet(asset, now)).FirstOrDefault(p => p is not null);

    private static string HostKey(ExchangeEndpoint endpoint) =>
        string.Join('|', endpoint.Exchange.ToName(), endpoint.Region ?? string.Empty, endpoint.Environment, endpoint.CustomBaseUrl?.ToString() ?? string.Empty);

    private sealed class HostPrices
    {
        private readonly ConcurrentDictionary<string, (decimal? Price, DateTimeOffset At)> _prices = new(StringComparer.OrdinalIgnoreCase);

        public SemaphoreSlim Turnstile { get; } = new(1, 1);

        public bool IsFresh(string asset, DateTimeOffset now) => _prices.TryGetValue(asset, out var entry) && now - entry.At < CacheDuration;

        public decimal? TryGet(string asset, DateTimeOffset now) =>
            _prices.TryGetValue(asset, out var entry) && now - entry.At < CacheDuration ? entry.Price : null;

        public void Store(string asset, decimal? price, DateTimeOffset at) => _prices[asset] = (price, at);
    }
}
