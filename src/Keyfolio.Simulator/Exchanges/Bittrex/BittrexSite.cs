using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Bittrex;

/// <summary>
/// Bittrex API v3 (the exchange closed in 2023; kept for its connector): hex HMAC-SHA512 over timestamp,
/// the full URI as the client addressed it, method, the body's SHA-512 and the optional subaccount id. Public:
/// ping, markets, market tickers and currencies, as the official v3 spec (swagger) lists them.
/// </summary>
internal sealed class BittrexSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly RateLimitRule PrivateRule = new("bittrex.private", 60, TimeSpan.FromMinutes(1), RateScope.Key);
    private static readonly RateLimitRule PublicRule = new("bittrex.public", 60, TimeSpan.FromMinutes(1), RateScope.Ip);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "bittrex",
        DisplayName = "Bittrex",
        RateLimits = [PrivateRule, PublicRule],
        CreateSite = (runtime, site) => new BittrexSite(runtime, site),
    };

    // Bittrex publishes no window; one minute either way is what this simulator allows.
    private static readonly TimeSpan TimestampWindow = TimeSpan.FromSeconds(60);

    private const string BalancePrefix = "/v3/balances/";
    private const string CurrencyPrefix = "/v3/currencies/";
    private const string MarketPrefix = "/v3/markets/";

    /// <summary>When the simulated markets were listed: a fixed date, as a real listing never moves.</summary>
    private const string Listed = "2018-11-14T20:00:00Z";

    public override string? PeekApiKey(SimRequest request) => request.Header("Api-Key");

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method is not ("GET" or "HEAD"))
        {
            return NotFound();
        }

        return request.Path switch
        {
            "/v3/ping" => Public(request, _ => Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("serverTime", Now.ToUnixTimeSeconds() * 1000);
                w.WriteEndObject();
            })),
            "/v3/markets/tickers" => Public(request, Tickers),
            "/v3/markets" => Public(request, _ => Json(w =>
            {
                w.WriteStartArray();
                foreach (var pair in Runtime.Markets.UsdtPairs)
                {
                    WriteMarket(w, pair.Base, pair.Quote);
                }

                w.WriteEndArray();
            })),
            "/v3/currencies" => Public(request, _ => Json(w =>
            {
                w.WriteStartArray();
                foreach (var asset in Runtime.Markets.Assets)
                {
                    WriteCurrency(w, asset);
                }

                w.WriteEndArray();
            })),
            var path when path.StartsWith(CurrencyPrefix, StringComparison.Ordinal) => Public(request, _ =>
                Runtime.Markets.Assets.FirstOrDefault(a => string.Equals(a, Uri.UnescapeDataString(path[CurrencyPrefix.Length..]), StringComparison.OrdinalIgnoreCase)) is { } asset
                    ? Json(w => WriteCurrency(w, asset))
                    : Error(404, "CURRENCY_DOES_NOT_EXIST")),
            var path when path.StartsWith(MarketPrefix, StringComparison.Ordinal) && path.IndexOf('/', MarketPrefix.Length) < 0 => Public(request, _ =>
                Runtime.Markets.UsdtPairs.FirstOrDefault(p => string.Equals(p.Base + "-" + p.Quote, Uri.UnescapeDataString(path[MarketPrefix.Length..]), StringComparison.OrdinalIgnoreCase)) is { } pair
                    ? Json(w => WriteMarket(w, pair.Base, pair.Quote))
                    : Error(404, "MARKET_DOES_NOT_EXIST")),
            "/v3/balances" => Private(request, account => Balances(account, null)),
            "/v3/account" => Private(request, Account),
            var path when path.StartsWith(BalancePrefix, StringComparison.Ordinal) =>
                Private(request, account => Balances(account, Uri.UnescapeDataString(path[BalancePrefix.Length..]))),
            _ => NotFound(),
        };
    }

    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Error(429, "THROTTLED").WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, "INTERNAL_ERROR");

    public override SimResponse Maintenance() => Error(503, "SERVICE_UNAVAILABLE");

    public override SimResponse RestrictedLocation() => Error(451, "RESTRICTED_LOCATION");

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicRule, request, null, "public");
        return decision.Allowed ? answer(request) : TooManyRequests(RetryAfter(decision));
    }

    private SimResponse Private(SimRequest request, Func<SimAccount, SimResponse> answer)
    {
        var account = Runtime.Accounts.Find(Exchange, request.Header("Api-Key"));
        if (account is null || !IsLive(account))
        {
            return Error(401, "APIKEY_INVALID");
        }

        var timestampText = request.Header("Api-Timestamp") ?? "";
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(Now.ToUnixTimeMilliseconds() - timestamp) > TimestampWindow.TotalMilliseconds)
        {
            return Error(401, "INVALID_TIMESTAMP");
        }

        var contentHash = request.Header("Api-Content-Hash") ?? "";
        var uri = $"{request.Context.Request.Scheme}://{request.Header("Host")}{request.PathAndQuery}";
        var preSign = timestampText + uri + request.Method + contentHash + (request.Header("Api-Subaccount-Id") ?? "");
        if (!string.Equals(contentHash, Signatures.Sha512Hex(request.Body), StringComparison.OrdinalIgnoreCase)
            || !Signatures.HexMatches(HashAlgorithmName.SHA512, account.SecretKey, preSign, request.Header("Api-Signature")))
        {
            return Error(401, "INVALID_SIGNATURE");
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return Error(403, "FORBIDDEN", "IP address not allowed");
        }

        if (!account.Can("read"))
        {
            return Error(403, "FORBIDDEN");
        }

        var decision = Count(PrivateRule, request, account, "private");
        return decision.Allowed ? answer(account) : TooManyRequests(RetryAfter(decision));
    }

    private SimResponse Balances(SimAccount account, string? symbol)
    {
        var balances = account.Config.Balances.Where(b => b.Wallet == "spot" && (symbol is null || b.Asset == symbol)).ToList();
        if (symbol is not null && balances.Count == 0)
        {
            return Error(404, "CURRENCY_DOES_NOT_EXIST");
        }

        var updated = (account.Config.CreatedAt ?? Now).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        void Write(Utf8JsonWriter w, SimulatorBalance balance)
        {
            w.WriteStartObject();
            w.WriteString("currencySymbol", balance.Asset);
            w.WriteNumber("total", balance.Free + balance.Locked);
            w.WriteNumber("available", balance.Free);
            w.WriteString("updatedAt", updated);
            w.WriteEndObject();
        }

        return symbol is null
            ? Json(w =>
            {
                w.WriteStartArray();
                foreach (var balance in balances)
                {
                    Write(w, balance);
                }

                w.WriteEndArray();
            })
            : Json(w => Write(w, balances[0]));
    }

    private static SimResponse Account(SimAccount account) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("subaccountId", AccountId(account.Config.MainUid is null ? account.Uid : account.Uid));
        w.WriteString("accountId", AccountId(account.Config.MainUid ?? account.Uid));
        w.WriteStartArray("actionsNeeded");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Bittrex names accounts by UUID; the simulator derives a stable one from the uid.</summary>
    private static string AccountId(string uid) => new Guid(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("bittrex-account-" + uid)).AsSpan(0, 16)).ToString("D");

    private SimResponse Tickers(SimRequest request) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            w.WriteStartObject();
            w.WriteString("symbol", pair.Base + "-" + pair.Quote);
            w.WriteNumber("lastTradeRate", pair.Price);
            w.WriteNumber("bidRate", pair.Price);
            w.WriteNumber("askRate", pair.Price);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>A <c>Market</c> of the v3 spec (<c>GET /v3/markets</c>, <c>/v3/markets/{marketSymbol}</c>).</summary>
    private static void WriteMarket(Utf8JsonWriter w, string baseAsset, string quoteAsset)
    {
        w.WriteStartObject();
        w.WriteString("symbol", baseAsset + "-" + quoteAsset);
        w.WriteString("baseCurrencySymbol", baseAsset);
        w.WriteString("quoteCurrencySymbol", quoteAsset);
        w.WriteNumber("minTradeSize", 0.0001m);
        w.WriteNumber("precision", 8);
        w.WriteString("status", "ONLINE");
        w.WriteString("createdAt", Listed);
        w.WriteString("notice", "");
        w.WriteStartArray("prohibitedIn");
        w.WriteEndArray();
        w.WriteStartArray("associatedTermsOfService");
        w.WriteEndArray();
        w.WriteStartArray("tags");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A <c>Currency</c> of the v3 spec (<c>GET /v3/currencies</c>, <c>/v3/currencies/{symbol}</c>).</summary>
    private static void WriteCurrency(Utf8JsonWriter w, string asset)
    {
        w.WriteStartObject();
        w.WriteString("symbol", asset);
        w.WriteString("name", asset);
        w.WriteString("coinType", asset is "USDT" ? "ETH_CONTRACT" : "BITCOIN");
        w.WriteString("status", "ONLINE");
        w.WriteNumber("minConfirmations", 12);
        w.WriteString("notice", "");
        w.WriteNumber("txFee", 0.0005m);
        w.WriteString("logoUrl", "");
        w.WriteStartArray("prohibitedIn");
        w.WriteEndArray();
        w.WriteString("baseAddress", "");
        w.WriteStartArray("associatedTermsOfService");
        w.WriteEndArray();
        w.WriteStartArray("tags");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static SimResponse Json(Action<Utf8JsonWriter> write) => SimResponse.Write(200, write);

    private static SimResponse Error(int status, string code, string? detail = null) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("code", code);
        if (detail is not null)
        {
            w.WriteString("detail", detail);
        }

        w.WriteEndObject();
    });
}
