namespace Keyfolio.Exchanges.Http;

/// <summary>
/// One request to an exchange: method, the exchange's own path, the query exactly as it will be sent (already
/// encoded, without <c>?</c>), the body exactly as it will be sent, whether it is signed, and its cost in the
/// exchange's rate-limit budget.
/// </summary>
internal sealed record ExchangeCall(
    HttpMethod Method,
    string Path,
    string? Query = null,
    string? Body = null,
    bool Signed = true,
    int Cost = 1,
    bool Idempotent = true,
    bool UsePublicHost = false)
{
    public static ExchangeCall SignedGet(string path, string? query = null, int cost = 1) => new(HttpMethod.Get, path, query, Cost: cost);

    public static ExchangeCall PublicGet(string path, string? query = null, int cost = 1) =>
        new(HttpMethod.Get, path, query, Signed: false, Cost: cost, UsePublicHost: true);
}
