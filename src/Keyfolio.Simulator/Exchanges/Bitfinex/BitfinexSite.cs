using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Bitfinex;

/// <summary>
/// Bitfinex API v2: hex HMAC-SHA384 over <c>/api</c> + path + nonce + body, nonces strictly increasing per
/// key (no clock window), errors as <c>["error", code, message]</c>, limits per address per endpoint per minute.
/// </summary>
internal sealed class BitfinexSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly RateLimitRule WalletsRule = new("bitfinex.wallets", 45, TimeSpan.FromMinutes(1), RateScope.Ip);
    private static readonly RateLimitRule PermissionsRule = new("bitfinex.permissions", 90, TimeSpan.FromMinutes(1), RateScope.Ip);
    private static readonly RateLimitRule PositionsRule = new("bitfinex.positions", 90, TimeSpan.FromMinutes(1), RateScope.Ip);
    private static readonly RateLimitRule PublicRule = new("bitfinex.public", 90, TimeSpan.FromMinutes(1), RateScope.Ip);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "bitfinex",
        DisplayName = "Bitfinex",
        Wallets = ["exchange", "margin", "funding"],
        RateLimits = [WalletsRule, PermissionsRule, PositionsRule, PublicRule],
        CreateSite = (runtime, site) => new BitfinexSite(runtime, site),
    };

    private const long MaxNonce = 9007199254740991;

    public override string? PeekApiKey(SimRequest request) => request.Header("bfx-apikey");

    public override SimResponse Handle(SimRequest request) => (request.Method, request.Path) switch
    {
        ("GET", "/v2/platform/status") => Public(request, _ => Json(w => { w.WriteStartArray(); w.WriteNumberValue(1); w.WriteEndArray(); })),
        ("GET", "/v2/tickers") => Public(request, Tickers),
        ("GET", "/v2/conf/pub:list:pair:exchange") => Public(request, _ => PairList()),
        ("GET", "/v2/conf/pub:list:pair:margin") => Public(request, _ => Conf(w => { })),
        ("GET", "/v2/conf/pub:list:pair:futures") => Public(request, _ => Conf(w => { })),
        ("GET", "/v2/conf/pub:list:currency") => Public(request, _ => Conf(w => { foreach (var c in Currencies()) { w.WriteStringValue(c); } })),
        ("GET", "/v2/conf/pub:info:pair") => Public(request, _ => PairInfo()),
        ("GET", "/v2/conf/pub:info:pair:futures") => Public(request, _ => Conf(w => { })),
        ("POST", "/v2/auth/r/wallets") => Private(request, WalletsRule, "read", Wallets),
        ("POST", "/v2/auth/r/positions") => Private(request, PositionsRule, "read", Positions),
        ("POST", "/v2/auth/r/permissions") => Private(request, PermissionsRule, null, Permissions),
        ("GET" or "POST", var path) when path.StartsWith("/v2/conf/", StringComparison.Ordinal) => Public(request, _ => Conf(w => { })),
        _ => NotFound(),
    };

    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Error(429, 11010, "ratelimit: error").WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, 10000, "unknown error");

    public override SimResponse Maintenance() => Error(503, 20060, "maintenance");

    public override SimResponse RestrictedLocation() => Error(451, 10000, "unavailable in your region");

    /// <summary>Bitfinex writes Tether as UST.</summary>
    private static string Currency(string asset) => asset == "USDT" ? "UST" : asset;

    private static string Symbol(Pair pair)
    {
        var (a, b) = (Currency(pair.Base), Currency(pair.Quote));
        return a.Length > 3 || b.Length > 3 ? $"t{a}:{b}" : $"t{a}{b}";
    }

    private IEnumerable<string> Currencies() => Runtime.Markets.Assets.Select(Currency).Append("USD").Distinct(StringComparer.Ordinal);

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicRule, request, null, request.Path);
        return decision.Allowed ? answer(request) : Error(429, 11010, "ratelimit: error");
    }

    private SimResponse Private(SimRequest request, RateLimitRule rule, string? permission, Func<SimAccount, SimResponse> answer)
    {
        var decision = Count(rule, request, null, request.Path);
        if (!decision.Allowed)
        {
            return Error(429, 11010, "ratelimit: error");
        }

        var account = Runtime.Accounts.Find(Exchange, request.Header("bfx-apikey"));
        if (account is null || !IsLive(account))
        {
            return Error(500, 10100, "apikey: invalid");
        }

        var nonceText = request.Header("bfx-nonce") ?? "";
        var payload = "/api" + request.PathAndQuery + nonceText + FormEncoding.Text(request.Body);
        if (!Signatures.HexMatches(HashAlgorithmName.SHA384, account.SecretKey, payload, request.Header("bfx-signature")))
        {
            return Error(500, 10100, "apikey: digest invalid");
        }

        if (!long.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out var nonce) || nonce > MaxNonce || !account.TryAdvanceNonce(nonce))
        {
            return Error(500, 10114, "nonce: small");
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return Error(500, 10100, "apikey: ip invalid");
        }

        return permission is null || account.Can(permission) ? answer(account) : Error(500, 10001, "api_key: permission invalid");
    }

    private SimResponse Wallets(SimAccount account)
    {
        var updated = (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds();
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var balance in account.Config.Balances)
            {
                w.WriteStartArray();
                w.WriteStringValue(balance.Wallet);
                w.WriteStringValue(Currency(balance.Asset));
                w.WriteNumberValue(balance.Free + balance.Locked);
                w.WriteNumberValue(0);
                w.WriteNumberValue(balance.Free);
                w.WriteStringValue("Wallet balance as of " + updated.ToString(CultureInfo.InvariantCulture));
                w.WriteNullValue();
                w.WriteEndArray();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// <c>POST /v2/auth/r/positions</c> ("Retrieve Positions", https://docs.bitfinex.com/reference/rest-auth-positions): one
    /// ACTIVE long BTC position per margin balance with an unrealised profit or loss, its PL stated in that balance's
    /// currency — the pair's quote currency, a margin position (TYPE 0) against USD or USDt, a derivatives position (TYPE 1,
    /// <c>tBTCF0:USTF0</c>) against a longer code. Its collateral is part of the wallet balance, as on Bitfinex.
    /// </summary>
    private SimResponse Positions(SimAccount account)
    {
        var created = (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds();
        return Json(w =>
        {
            w.WriteStartArray();
            var id = 142_355_652L;
            foreach (var balance in account.Config.Balances.Where(b => b.Wallet == "margin" && b.UnrealisedPnl != 0m))
            {
                var quote = Currency(balance.Asset);
                var derivatives = quote.Length > 3;
                w.WriteStartArray();
                w.WriteStringValue(derivatives ? "tBTCF0:" + quote : "tBTC" + quote);
                w.WriteStringValue("ACTIVE");
                w.WriteNumberValue(0.1m);
                w.WriteNumberValue(60_000m);
                w.WriteNumberValue(0m);
                w.WriteNumberValue(0);
                w.WriteNumberValue(balance.UnrealisedPnl);
                w.WriteNumberValue(Math.Round(balance.UnrealisedPnl / 6_000m * 100m, 4));
                w.WriteNumberValue(30_000m);
                w.WriteNumberValue(2m);
                w.WriteNullValue();
                w.WriteNumberValue(id++);
                w.WriteNumberValue(created);
                w.WriteNumberValue(Now.ToUnixTimeMilliseconds());
                w.WriteNullValue();
                w.WriteNumberValue(derivatives ? 1 : 0);
                w.WriteNullValue();
                w.WriteNumberValue(0m);
                w.WriteNumberValue(0m);
                w.WriteNullValue();
                w.WriteEndArray();
            }

            w.WriteEndArray();
        });
    }

    private static SimResponse Permissions(SimAccount account)
    {
        var read = account.Can("read") ? 1 : 0;
        (string Scope, int Read, int Write)[] scopes =
        [
            ("account", read, 0),
            ("history", read, 0),
            ("orders", read, account.Can("spot") ? 1 : 0),
            ("positions", read, account.Can("margin") || account.Can("futures") ? 1 : 0),
            ("funding", read, 0),
            ("settings", read, 0),
            ("wallets", read, account.Can("transfer") ? 1 : 0),
            ("withdraw", account.Can("withdraw") ? 1 : 0, account.Can("withdraw") ? 1 : 0),
            ("ui_withdraw", 0, 0),
            ("bfxpay", 0, 0),
        ];
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var (scope, canRead, canWrite) in scopes)
            {
                w.WriteStartArray();
                w.WriteStringValue(scope);
                w.WriteNumberValue(canRead);
                w.WriteNumberValue(canWrite);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        });
    }

    private SimResponse Tickers(SimRequest request)
    {
        var symbols = request.Query.GetValueOrDefault("symbols") ?? "ALL";
        var wanted = symbols == "ALL" ? null : new HashSet<string>(symbols.Split(','), StringComparer.Ordinal);
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var pair in Runtime.Markets.UsdPairs.Where(p => wanted is null || wanted.Contains(Symbol(p))))
            {
                w.WriteStartArray();
                w.WriteStringValue(Symbol(pair));
                w.WriteNumberValue(pair.Price);
                w.WriteNumberValue(1);
                w.WriteNumberValue(pair.Price);
                w.WriteNumberValue(1);
                w.WriteNumberValue(0);
                w.WriteNumberValue(0);
                w.WriteNumberValue(pair.Price);
                w.WriteNumberValue(0);
                w.WriteNumberValue(pair.Price);
                w.WriteNumberValue(pair.Price);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        });
    }

    private SimResponse PairList() => Conf(w =>
    {
        foreach (var pair in Runtime.Markets.UsdPairs)
        {
            w.WriteStringValue(Symbol(pair)[1..]);
        }
    });

    private SimResponse PairInfo() => Conf(w =>
    {
        foreach (var pair in Runtime.Markets.UsdPairs)
        {
            w.WriteStartArray();
            w.WriteStringValue(Symbol(pair)[1..]);
            w.WriteStartArray();
            foreach (var value in new[] { "null", "null", "null", "0.0001", "1000000", "null", "null", "null", "0.2", "0.1", "null", "null" })
            {
                if (value == "null")
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStringValue(value);
                }
            }

            w.WriteEndArray();
            w.WriteEndArray();
        }
    });

    /// <summary>Configuration answers are wrapped in an outer array.</summary>
    private static SimResponse Conf(Action<Utf8JsonWriter> writeItems) => Json(w =>
    {
        w.WriteStartArray();
        w.WriteStartArray();
        writeItems(w);
        w.WriteEndArray();
        w.WriteEndArray();
    });

    private static SimResponse Json(Action<Utf8JsonWriter> write) => SimResponse.Write(200, write);

    private static SimResponse Error(int status, int code, string message) => SimResponse.Write(status, w =>
    {
        w.WriteStartArray();
        w.WriteStringValue("error");
        w.WriteNumberValue(code);
        w.WriteStringValue(message);
        w.WriteEndArray();
    });
}
