using System.Globalization;
using System.Net.Http.Headers;

namespace Keyfolio.Exchanges.Http;

/// <summary>What came back: status, body and the headers the connectors read. Never logged raw.</summary>
internal sealed class ExchangeResponse(int statusCode, string body, HttpResponseHeaders headers, DateTimeOffset receivedAt)
{
    public int StatusCode { get; } = statusCode;

    public string Body { get; } = body;

    public HttpResponseHeaders Headers { get; } = headers;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public bool IsSuccessStatus => StatusCode is >= 200 and < 300;

    /// <summary>The server's clock from the <c>Date</c> header, to one second.</summary>
    public DateTimeOffset? ServerDate => Headers.Date;

    /// <summary>When <c>Retry-After</c> says calls may resume, as seconds or as a date.</summary>
    public DateTimeOffset? RetryAfter => Headers.RetryAfter switch
    {
        { Delta: { } delta } => ReceivedAt + delta,
        { Date: { } date } => date,
        _ => null,
    };

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>A header holding a Unix time in seconds or milliseconds (told apart by size).</summary>
    public DateTimeOffset? UnixTimeHeader(string name) =>
        long.TryParse(Header(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value)
            : null;
}
