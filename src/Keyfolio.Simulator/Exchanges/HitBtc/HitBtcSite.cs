using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.HitBtc;

/// <summary>
/// HitBTC API v3: <c>Authorization: HS256 base64(key:signature:timestamp[:window])</c> with a hex
/// HMAC-SHA256 over method, path, query, body, timestamp and window, or <c>Basic base64(key:secret)</c>.
/// </summary>
internal sealed class HitBtcSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly RateLimitRule PrivateRule = new("hitbtc.private", 20, TimeSpan.FromSeconds(1), RateScope.Key);
    private static readonly RateLimitRule PublicRule = new("hitbtc.public", 30, TimeSpan.FromSeconds(1), RateScope.Ip);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "hitbtc",
        DisplayName = "HitBTC",
        Wallets = ["spot", "wallet"],
        RateLimits = [PrivateRule, PublicRule],
        CreateSite = (runtime, site) => new HitBtcSite(runtime, site),
    };

    private const string AuthFailed = "Authorization is required or has been failed";
    private const int DefaultWindowMs = 10_000;
    private const int MaxWindowMs = 60_000;

    public override string? PeekApiKey(SimRequest request) => ParseAuthorization(request.Header("Authorization"))?.ApiKey;

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method != "GET")
        {
            return NotFound();
        }

        return request.Path switch
        {
            "/api/3/public/ticker" => Public(request, Tickers),
            "/api/3/public/symbol" => Public(request, SymbolList),
            "/api/3/public/currency" => Public(request, CurrencyList),
            "/api/3/spot/balance" => Private(request, "read", account => Balances(account, "spot", withMargin: true)),
            "/api/3/wallet/balance" => Private(request, "transfer", account => Balances(account, "wallet", withMargin: false)),
            "/api/3/spot/order" => Private(request, "spot", _ => Json(w => { w.WriteStartArray(); w.WriteEndArray(); })),
            _ => NotFound(),
        };
    }

    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Error(429, 429, "Too many requests", "Too many requests. Please slow down.").WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, 500, "Internal Server Error", "Internal server error");

    public override SimResponse Maintenance() => Error(503, 503, "Service Unavailable", "Service is down for maintenance");

    public override SimResponse RestrictedLocation() => Error(451, 451, "Unavailable For Legal Reasons", "Service is not available in your region");

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicRule, request, null, request.Path);
        return decision.Allowed ? answer(request) : TooManyRequests(RetryAfter(decision));
    }

    private SimResponse Private(SimRequest request, string permission, Func<SimAccount, SimResponse> answer)
    {
        var credentials = ParseAuthorization(request.Header("Authorization"));
        if (credentials is null)
        {
            return Error(401, 1002, AuthFailed, "Authorization header is missing or malformed");
        }

        var account = Runtime.Accounts.Find(Exchange, credentials.ApiKey);
        if (account is null || !IsLive(account))
        {
            return Error(401, 1002, AuthFailed, "Invalid API key");
        }

        if (credentials.Secret is not null)
        {
            if (!Signatures.FixedTimeEquals(credentials.Secret, account.SecretKey))
            {
                return Error(401, 1002, AuthFailed, "Invalid signature");
            }
        }
        else
        {
            var window = credentials.Window ?? DefaultWindowMs;
            if (credentials.Timestamp is not { } timestamp || window is <= 0 or > MaxWindowMs || Math.Abs(Now.ToUnixTimeMilliseconds() - timestamp) > window)
            {
                return Error(401, 1002, AuthFailed, "Timestamp is out of the window");
            }

            var message = request.Method + request.PathAndQuery + FormEncoding.Text(request.Body) + credentials.TimestampText + credentials.WindowText;
            if (!Signatures.HexMatches(HashAlgorithmName.SHA256, account.SecretKey, message, credentials.Signature))
            {
                return Error(401, 1002, AuthFailed, "Invalid signature");
            }
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return Error(401, 1002, AuthFailed, $"IP address {request.ClientIp} is not allowed");
        }

        if (!account.Can(permission))
        {
            return Error(403, 1003, "Action is forbidden for this API key", "Check the access rights of your API key");
        }

        var decision = Count(PrivateRule, request, account, "private");
        return decision.Allowed ? answer(account) : TooManyRequests(RetryAfter(decision));
    }

    private static Credentials? ParseAuthorization(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(Convert.FromBase64String(header[(space + 1)..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var scheme = header[..space];
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : new Credentials(token[..colon], token[(colon + 1)..], null, null, null);
        }

        if (!scheme.Equals("HS256", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = token.Split(':');
        if (parts.Length is < 3 or > 4)
        {
            return null;
        }

        return new Credentials(parts[0], null, parts[1], parts[2], parts.Length == 4 ? parts[3] : null);
    }

    private static SimResponse Balances(SimAccount account, string wallet, bool withMargin) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var balance in account.Config.Balances.Where(b => b.Wallet == wallet))
        {
            w.WriteStartObject();
            w.WriteString("currency", balance.Asset);
            w.WriteString("available", MarketBook.Format(balance.Free));
            w.WriteString("reserved", MarketBook.Format(balance.Locked));
            if (withMargin)
            {
                w.WriteString("reserved_margin", "0");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private SimResponse Tickers(SimRequest request)
    {
        var wanted = request.Query.TryGetValue("symbols", out var list) ? new HashSet<string>(list.Split(','), StringComparer.Ordinal) : null;
        var timestamp = Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return Json(w =>
        {
            w.WriteStartObject();
            foreach (var pair in Runtime.Markets.UsdtPairs.Where(p => wanted is null || wanted.Contains(p.Base + p.Quote)))
            {
                var price = MarketBook.Format(pair.Price);
                w.WriteStartObject(pair.Base + pair.Quote);
                w.WriteString("ask", price);
                w.WriteString("bid", price);
                w.WriteString("last", price);
                w.WriteString("low", price);
                w.WriteString("high", price);
                w.WriteString("open", price);
                w.WriteString("volume", "0");
                w.WriteString("volume_quote", "0");
                w.WriteString("timestamp", timestamp);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    private SimResponse SymbolList(SimRequest request) => Json(w =>
    {
        w.WriteStartObject();
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            w.WriteStartObject(pair.Base + pair.Quote);
            w.WriteString("type", "spot");
            w.WriteString("base_currency", pair.Base);
            w.WriteString("quote_currency", pair.Quote);
            w.WriteString("status", "working");
            w.WriteString("quantity_increment", "0.00001");
            w.WriteString("tick_size", "0.01");
            w.WriteString("take_rate", "0.0025");
            w.WriteString("make_rate", "0.001");
            w.WriteString("fee_currency", pair.Quote);
            w.WriteBoolean("margin_trading", false);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private SimResponse CurrencyList(SimRequest request) => Json(w =>
    {
        w.WriteStartObject();
        foreach (var asset in Runtime.Markets.Assets)
        {
            w.WriteStartObject(asset);
            w.WriteString("full_name", asset);
            w.WriteBoolean("crypto", true);
            w.WriteBoolean("payin_enabled", true);
            w.WriteBoolean("payout_enabled", true);
            w.WriteBoolean("transfer_enabled", true);
            w.WriteString("precision_transfer", "0.00000001");
            w.WriteStartArray("networks");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static SimResponse Json(Action<Utf8JsonWriter> write) => SimResponse.Write(200, write);

    private static SimResponse Error(int status, int code, string message, string description) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteString("description", description);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private sealed record Credentials(string ApiKey, string? Secret, string? Signature, string? TimestampText, string? WindowText)
    {
        public long? Timestamp => long.TryParse(TimestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

        public int? Window => WindowText is null ? null : int.TryParse(WindowText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

        public override string ToString() => $"HitBTC credentials for key {ApiKey}";
    }
}
