using System.Collections.Concurrent;

namespace Keyfolio.Exchanges.Http;

/// <summary>The measured offset of each exchange's clock (per host), shared by every connection in the process.</summary>
internal sealed class ServerClocks(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Measurement> _offsets = new(StringComparer.Ordinal);

    public TimeSpan Offset(ExchangeId exchange, Uri baseUrl) =>
        _offsets.TryGetValue(Key(exchange, baseUrl), out var measurement) ? measurement.Offset : TimeSpan.Zero;

    public DateTimeOffset ExchangeNow(ExchangeId exchange, Uri baseUrl) => time.GetUtcNow() + Offset(exchange, baseUrl);

    public bool IsDue(ExchangeId exchange, Uri baseUrl, TimeSpan interval) =>
        !_offsets.TryGetValue(Key(exchange, baseUrl), out var measurement) || time.GetUtcNow() - measurement.At >= interval;

    public void Record(ExchangeId exchange, Uri baseUrl, TimeSpan offset) =>
        _offsets[Key(exchange, baseUrl)] = new Measurement(offset, time.GetUtcNow());

    private static string Key(ExchangeId exchange, Uri baseUrl) => exchange.ToName() + "|" + baseUrl.GetLeftPart(UriPartial.Authority);

    private readonly record struct Measurement(TimeSpan Offset, DateTimeOffset At);
}
