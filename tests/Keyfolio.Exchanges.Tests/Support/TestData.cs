using System.Net;
using System.Text.Json;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Tests.Support;

/// <summary>The copied vectors and fixtures (see TestData/SOURCES.md).</summary>
internal static class TestData
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", relativePath));

    public static string Fixture(string exchange, string file) => Read(Path.Combine("fixtures", exchange, file));

    public static JsonElement FixtureJson(string exchange, string file) => JsonDocument.Parse(Fixture(exchange, file)).RootElement;

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    public static ExchangeResponse Response(string body, int status = 200, Action<HttpResponseMessage>? headers = null)
    {
        using var message = new HttpResponseMessage((HttpStatusCode)status);
        headers?.Invoke(message);
        return new ExchangeResponse(status, body, message.Headers, DateTimeOffset.UnixEpoch.AddDays(20000));
    }

    public static ExchangeResponse FixtureResponse(string exchange, string file, int status) => Response(Fixture(exchange, file), status);

    /// <summary>The vectors of one exchange, from <c>vectors.json</c> and the exchange's own <c>vectors-&lt;exchange&gt;.json</c>.</summary>
    public static IReadOnlyList<SigningVector> Vectors(string exchange) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "vectors*.json").Order(StringComparer.Ordinal)
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("vectors").EnumerateArray())
            .Where(v => v.GetProperty("exchange").GetString() == exchange)
            .Select(v => new SigningVector(v))];
}

/// <summary>One entry of vectors.json.</summary>
internal sealed class SigningVector(JsonElement element)
{
    public string Name => Get("name")!;

    public string Secret => Get("secret")!;

    public string StringToSign => Get("stringToSign")!;

    public string Expected => Get("expectedSignature")!;

    public string? ApiKey => Get("apiKey");

    public string? Timestamp => Get("timestamp");

    public string? Body => Get("body");

    public string? Request => Get("request");

    public string? Passphrase => Get("passphrase");

    public string? Nonce => Get("nonce");

    public string? AuthorizationHeader => Get("authorizationHeader");

    /// <summary>Kraken: the URI path signed (<c>/0/private/Balance</c>).</summary>
    public string? UriPath => Get("uriPath");

    /// <summary>Kraken: the exact POST data sent and signed.</summary>
    public string? PostData => Get("postData");

    /// <summary>Kraken: the HMAC message (path bytes and the SHA-256 of nonce + POST data), in hex.</summary>
    public string? MessageHex => Get("hmacMessageHex");

    public string? Header(string name) =>
        element.TryGetProperty("headers", out var headers) && headers.TryGetProperty(name, out var value) ? value.GetString() : null;

    public override string ToString() => Name;

    public string? Get(string property) => element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
