using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Gate;

/// <summary>
/// Gate API v4: headers <c>KEY</c>, <c>Timestamp</c> (seconds, within 60 s) and <c>SIGN</c>, a hex
/// HMAC-SHA512 over method, path, unencoded query, the body's SHA-512 and the timestamp; limits per uid per endpoint.
/// </summary>
internal sealed class GateSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly RateLimitRule PrivateRule = new("gate.private", 200, TimeSpan.FromSeconds(10), RateScope.Uid);
    private static readonly RateLimitRule PublicRule = new("gate.public", 200, TimeSpan.FromSeconds(10), RateScope.Ip);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "gate",
        DisplayName = "Gate",
        RateLimits = [PrivateRule, PublicRule],
        CreateSite = (runtime, site) => new GateSite(runtime, site),
    };

    public override string? PeekApiKey(SimRequest request) => request.Header("KEY");

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method != "GET")
        {
            return NotFound();
        }

        return request.Path switch
        {
            "/api/v4/spot/time" => Public(request, _ => Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("server_time", Now.ToUnixTimeMilliseconds());
                w.WriteEndObject();
            })),
            "/api/v4/spot/tickers" => Public(request, Tickers),
            "/api/v4/spot/currency_pairs" => Public(request, CurrencyPairs),
            "/api/v4/spot/currencies" => Public(request, CurrencyList),
            "/api/v4/spot/accounts" => Private(request, Accounts),

            // Spot only: margin, futures, delivery and options list nothing, so clients that load every market still start.
            "/api/v4/margin/currency_pairs" or "/api/v4/options/underlyings" => Public(request, _ => EmptyList()),
            var path when (path.StartsWith("/api/v4/futures/", StringComparison.Ordinal) || path.StartsWith("/api/v4/delivery/", StringComparison.Ordinal))
                && path.EndsWith("/contracts", StringComparison.Ordinal) => Public(request, _ => EmptyList()),
            "/api/v4/account/detail" => Private(request, Detail),
            "/api/v4/account/main_keys" => Private(request, MainKeys),
            _ => NotFound(),
        };
    }

    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Error(429, "TOO_MANY_REQUESTS", "Too many requests").WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, "SERVER_ERROR", "Internal server error");

    public override SimResponse Maintenance() => Error(503, "SERVER_ERROR", "Internal server error");

    public override SimResponse RestrictedLocation() => Error(451, "FORBIDDEN", "Service is not available in your region");

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicRule, request, null, request.Path);
        return WithLimitHeaders(decision.Allowed ? answer(request) : TooManyRequests(RetryAfter(decision)), decision);
    }

    private SimResponse Private(SimRequest request, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var apiKey = request.Header("KEY");
        var sign = request.Header("SIGN");
        var timestampText = request.Header("Timestamp");
        foreach (var (name, value) in new[] { ("KEY", apiKey), ("Timestamp", timestampText), ("SIGN", sign) })
        {
            if (string.IsNullOrEmpty(value))
            {
                return Error(401, "MISSING_REQUIRED_HEADER", "Missing required header: " + name);
            }
        }

        if (!decimal.TryParse(timestampText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs((Now.ToUnixTimeMilliseconds() / 1000m) - timestamp) > 60)
        {
            return Error(401, "REQUEST_EXPIRED", "Request `Timestamp` is far from the server time");
        }

        var account = Runtime.Accounts.Find(Exchange, apiKey);
        if (account is null || !IsLive(account))
        {
            // The live message (ccxt/ccxt#12600); the docs' label list gives only the label's meaning.
            return Error(401, "INVALID_KEY", "Invalid key provided");
        }

        // Gate signs the query unencoded; a client that signs the query as sent is accepted too.
        var bodyHash = Signatures.Sha512Hex(request.Body);
        var decoded = Uri.UnescapeDataString(request.RawQuery);
        string Message(string query) => $"{request.Method}\n{request.Path}\n{query}\n{bodyHash}\n{timestampText}";
        if (!Signatures.HexMatches(HashAlgorithmName.SHA512, account.SecretKey, Message(decoded), sign)
            && (decoded == request.RawQuery || !Signatures.HexMatches(HashAlgorithmName.SHA512, account.SecretKey, Message(request.RawQuery), sign)))
        {
            // The live message (gateio/gateapi-python#15, gateio/gateapi-java#31).
            return Error(401, "INVALID_SIGNATURE", "Signature mismatch");
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return Error(403, "IP_FORBIDDEN", "Request IP not in whitelist");
        }

        if (!account.Can("read"))
        {
            return Error(403, "FORBIDDEN", "Account has no permission to request operation");
        }

        var decision = Count(PrivateRule, request, account, request.Path);
        return WithLimitHeaders(decision.Allowed ? answer(request, account) : TooManyRequests(RetryAfter(decision)), decision);
    }

    private static SimResponse WithLimitHeaders(SimResponse response, RateDecision decision) => response
        .WithHeader("X-Gate-RateLimit-Requests-Remain", decision.Remaining.ToString(CultureInfo.InvariantCulture))
        .WithHeader("X-Gate-RateLimit-Limit", decision.Limit.ToString(CultureInfo.InvariantCulture))
        .WithHeader("X-Gate-RateLimit-Reset-Timestamp", decision.ResetAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    private static SimResponse Accounts(SimRequest request, SimAccount account)
    {
        var currency = request.Query.GetValueOrDefault("currency");
        return Json(w =>
        {
            w.WriteStartArray();
            var update = 1;
            foreach (var balance in account.Config.Balances.Where(b => b.Wallet == "spot" && (currency is null || b.Asset == currency)))
            {
                w.WriteStartObject();
                w.WriteString("currency", balance.Asset);
                w.WriteString("available", MarketBook.Format(balance.Free));
                w.WriteString("locked", MarketBook.Format(balance.Locked));
                w.WriteNumber("update_id", update++);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static SimResponse Detail(SimRequest request, SimAccount account) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("user_id", long.Parse(account.Uid, CultureInfo.InvariantCulture));
        w.WriteStartArray("ip_whitelist");
        foreach (var ip in account.Config.IpWhitelist)
        {
            w.WriteStringValue(ip);
        }

        w.WriteEndArray();
        w.WriteStartArray("currency_pairs");
        w.WriteEndArray();
        w.WriteStartObject("key");
        w.WriteNumber("mode", 1);
        w.WriteEndObject();
        w.WriteNumber("tier", 0);
        w.WriteNumber("copy_trading_role", 0);
        w.WriteEndObject();
    });

    private SimResponse MainKeys(SimRequest request, SimAccount caller) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var key in Runtime.Accounts.OfUid(Exchange, caller.Uid).Where(k => !k.Revoked))
        {
            var config = key.Config;
            var created = (config.CreatedAt ?? Now).ToUnixTimeSeconds();
            w.WriteStartObject();
            w.WriteNumber("state", 1);
            w.WriteNumber("mode", 1);
            w.WriteString("name", config.Label ?? "");
            w.WriteNumber("user_id", long.Parse(key.Uid, CultureInfo.InvariantCulture));
            w.WriteStartArray("perms");
            WritePerms(w, key);
            w.WriteEndArray();
            w.WriteStartArray("ip_whitelist");
            foreach (var ip in config.IpWhitelist)
            {
                w.WriteStringValue(ip);
            }

            w.WriteEndArray();
            w.WriteStartArray("currency_pairs");
            w.WriteEndArray();
            w.WriteString("key", key.ApiKey[..Math.Min(12, key.ApiKey.Length)] + "*****");
            w.WriteNumber("created_at", created);
            w.WriteNumber("updated_at", created);
            w.WriteNumber("last_access", (config.LastAccess ?? config.CreatedAt ?? Now).ToUnixTimeSeconds());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>docs/exchange-permissions.md: each group is listed when readable, read-only unless the matching right is held.</summary>
    private static void WritePerms(Utf8JsonWriter w, SimAccount key)
    {
        var read = key.Can("read");
        foreach (var (name, right) in new[] { ("spot", "spot"), ("margin", "margin"), ("futures", "futures"), ("wallet", "transfer") })
        {
            if (read || key.Can(right))
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteBoolean("read_only", !key.Can(right));
                w.WriteEndObject();
            }
        }

        if (key.Can("withdraw"))
        {
            w.WriteStartObject();
            w.WriteString("name", "withdraw");
            w.WriteBoolean("read_only", false);
            w.WriteEndObject();
        }
    }

    private SimResponse Tickers(SimRequest request)
    {
        var wanted = request.Query.GetValueOrDefault("currency_pair");
        var pairs = Runtime.Markets.UsdtPairs.Where(p => wanted is null || p.Base + "_" + p.Quote == wanted).ToList();
        if (wanted is not null && pairs.Count == 0)
        {
            return Error(400, "INVALID_CURRENCY_PAIR", $"Invalid currency pair {wanted}");
        }

        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var pair in pairs)
            {
                var price = MarketBook.Format(pair.Price);
                w.WriteStartObject();
                w.WriteString("currency_pair", pair.Base + "_" + pair.Quote);
                w.WriteString("last", price);
                w.WriteString("lowest_ask", price);
                w.WriteString("highest_bid", price);
                w.WriteString("change_percentage", "0");
                w.WriteString("base_volume", "0");
                w.WriteString("quote_volume", "0");
                w.WriteString("high_24h", price);
                w.WriteString("low_24h", price);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private SimResponse CurrencyPairs(SimRequest request) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            w.WriteStartObject();
            w.WriteString("id", pair.Base + "_" + pair.Quote);
            w.WriteString("base", pair.Base);
            w.WriteString("quote", pair.Quote);
            w.WriteString("fee", "0.2");
            w.WriteString("min_base_amount", "0.0001");
            w.WriteString("min_quote_amount", "1");
            w.WriteNumber("amount_precision", 4);
            w.WriteNumber("precision", 2);
            w.WriteString("trade_status", "tradable");
            w.WriteNumber("sell_start", 0);
            w.WriteNumber("buy_start", 0);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private SimResponse CurrencyList(SimRequest request) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var asset in Runtime.Markets.Assets)
        {
            w.WriteStartObject();
            w.WriteString("currency", asset);
            w.WriteString("name", asset);
            w.WriteBoolean("delisted", false);
            w.WriteBoolean("withdraw_disabled", false);
            w.WriteBoolean("withdraw_delayed", false);
            w.WriteBoolean("deposit_disabled", false);
            w.WriteBoolean("trade_disabled", false);
            w.WriteString("chain", asset);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static SimResponse EmptyList() => Json(w =>
    {
        w.WriteStartArray();
        w.WriteEndArray();
    });

    private static SimResponse Json(Action<Utf8JsonWriter> write) => SimResponse.Write(200, write);

    private static SimResponse Error(int status, string label, string message) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteString("message", message);
        w.WriteEndObject();
    });
}
