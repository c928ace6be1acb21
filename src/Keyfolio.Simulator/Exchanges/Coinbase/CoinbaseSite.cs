using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Coinbase;

/// <summary>
/// Coinbase Advanced Trade (api.coinbase.com/api/v3/brokerage) with CDP API keys: every private request carries
/// <c>Authorization: Bearer</c> a JWT signed ES256 with the key's EC P-256 private key; the site verifies it with the
/// key's public key only (derived once from the configured private key, as Coinbase keeps only the public half), then
/// <c>kid</c> = <c>sub</c> = a known, live key name, <c>nbf ≤ now &lt; exp</c>, and a <c>uri</c> (or one of <c>uris</c>) of
/// <c>"METHOD host/path"</c> for this very request (CDP, "JWT Authentication":
/// https://docs.cdp.coinbase.com/get-started/authentication/jwt-authentication). <c>iss</c>, <c>aud</c>, <c>iat</c>,
/// <c>typ</c> and the nonce are not checked, so the claim sets of the official SDK and of ccxt both pass. Every
/// failure, the IP allowlist included, is the bare text <c>Unauthorized</c> with status 401; a key without the View
/// scope gets 403 <c>PERMISSION_DENIED</c> "Missing required scopes" (Advanced Trade, "Scopes &amp; Permissions":
/// https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/rest-scopes). Limits: 30 private requests a second
/// per user, 10 public a second per IP.
/// </summary>
internal sealed class CoinbaseSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly RateLimitRule PrivateRule = new("coinbase.private", 30, TimeSpan.FromSeconds(1), RateScope.Uid);
    private static readonly RateLimitRule PublicRule = new("coinbase.public", 10, TimeSpan.FromSeconds(1), RateScope.Ip);

    private const string Prefix = "/api/v3/brokerage";

    /// <summary>The public keys of the configured keys, each derived once from its private key.</summary>
    private readonly ConcurrentDictionary<string, ECDsa?> _publicKeys = new(StringComparer.Ordinal);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "coinbase",
        DisplayName = "Coinbase",

        // spot: the portfolio's crypto and cash accounts; vault: its vaults (ACCOUNT_TYPE_VAULT).
        Wallets = ["spot", "vault"],
        RateLimits = [PrivateRule, PublicRule],
        CreateSite = (runtime, site) => new CoinbaseSite(runtime, site),
    };

    /// <summary>The key name a request's JWT carries in its header, read without checking anything.</summary>
    public override string? PeekApiKey(SimRequest request) =>
        Jwt.Parse(request.Header("Authorization")) is { } token ? token.Kid : null;

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method == "GET" && request.Path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return request.Path switch
            {
                "/v2/time" => Public(request, _ => V2Time()),
                "/v2/currencies" => Public(request, _ => FiatCurrencies()),
                "/v2/currencies/crypto" => Public(request, _ => CryptoCurrencies()),
                "/v2/exchange-rates" => Public(request, _ => ExchangeRates()),
                _ => RouteNotFound(),
            };
        }

        if (request.Method != "GET" || !request.Path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            return RouteNotFound();
        }

        var route = request.Path[Prefix.Length..];
        if (route.StartsWith("/market/products/", StringComparison.Ordinal))
        {
            return Public(request, r => Product(route["/market/products/".Length..]));
        }

        if (route.StartsWith("/products/", StringComparison.Ordinal))
        {
            return Private(request, (_, _) => Product(route["/products/".Length..]));
        }

        return route switch
        {
            "/time" => Public(request, _ => Time()),
            "/market/products" => Public(request, Products),
            "/products" => Private(request, (r, _) => Products(r)),
            "/accounts" => Private(request, Accounts),
            "/key_permissions" => Private(request, KeyPermissions),
            "/portfolios" => Private(request, Portfolios),
            "/transaction_summary" => Private(request, (_, _) => TransactionSummary()),
            _ => RouteNotFound(),
        };
    }

    /// <summary>Coinbase publishes no v3 rate-limit body; this is the documented one of its v2 API, with a <c>Retry-After</c>
    /// so a client knows when to come back (https://docs.cdp.coinbase.com/coinbase-app/api-architecture/rate-limiting).</summary>
    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        SimResponse.Write(429, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("id", "rate_limit_exceeded");
            w.WriteString("message", "Too many requests");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }).WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, "INTERNAL", "internal error");

    public override SimResponse Maintenance() => Error(503, "UNAVAILABLE", "service unavailable");

    public override SimResponse RestrictedLocation() => Error(451, "PERMISSION_DENIED", "Service unavailable in your region");

    /// <summary>A route Coinbase does not have: 404 with the gateway's JSON.</summary>
    private static SimResponse RouteNotFound() => Error(404, "NOT_FOUND", "Not Found");

    private static SimResponse Error(int status, string code, string message) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", code);
        w.WriteString("error_details", message);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    /// <summary>Every authentication failure: the bare text, not JSON.</summary>
    private static SimResponse Unauthorized() => SimResponse.Raw(401, "Unauthorized", "text/plain; charset=utf-8");

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicRule, request, null, "public");
        return decision.Allowed ? answer(request) : TooManyRequests(RetryAfter(decision));
    }

    /// <summary>The JWT's signature under the key's public key, the key, its claims and its address; then the View scope and the budget.</summary>
    private SimResponse Private(SimRequest request, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var token = Jwt.Parse(request.Header("Authorization"));
        if (token is null || token.Algorithm != "ES256" || token.Kid is null || token.Subject != token.Kid)
        {
            return Unauthorized();
        }

        var account = Runtime.Accounts.Find(Exchange, token.Kid);
        if (account is null || PublicKey(account) is not { } publicKey
            || !publicKey.VerifyData(Encoding.ASCII.GetBytes(token.SigningInput), token.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return Unauthorized();
        }

        var now = Now.ToUnixTimeSeconds();
        if (token.NotBefore is not { } nbf || token.Expires is not { } exp || now < nbf || now >= exp || !token.Uris.Any(uri => Binds(uri, request)))
        {
            return Unauthorized();
        }

        if (!IsLive(account) || !account.AllowsAddress(request.ClientIp))
        {
            return Unauthorized();
        }

        if (!account.Can("read"))
        {
            return Error(403, "PERMISSION_DENIED", "Missing required scopes");
        }

        var decision = Count(PrivateRule, request, account, "private");
        return decision.Allowed ? answer(request, account) : TooManyRequests(RetryAfter(decision));
    }

    /// <summary>
    /// The <c>uri</c> claim names this request: its method, the host it was sent to (with or without the port) and its path.
    /// A client that strips only <c>https://</c> from its URL sends <c>http://</c> in front of the host when it talks to
    /// this plain-HTTP simulator; that form is accepted too, as the real exchange is only reached over HTTPS.
    /// </summary>
    private static bool Binds(string uri, SimRequest request)
    {
        var host = (request.Header("Host") ?? "").ToLowerInvariant();
        var port = host.LastIndexOf(':');
        var bare = port > 0 && !host.EndsWith(']') ? host[..port] : host;
        foreach (var candidate in new[] { host, bare })
        {
            foreach (var scheme in new[] { "", "http://" })
            {
                if (string.Equals(uri, $"{request.Method} {scheme}{candidate}{request.Path}", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private ECDsa? PublicKey(SimAccount account) => _publicKeys.GetOrAdd(account.ApiKey, _ =>
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(account.Config.Secret.Replace("\\n", "\n", StringComparison.Ordinal));
            var publicKey = ECDsa.Create();
            publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out int _);
            return publicKey;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    private SimResponse Time() => SimResponse.Write(200, w =>
    {
        var now = Now;
        w.WriteStartObject();
        w.WriteString("iso", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteString("epochSeconds", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        w.WriteString("epochMillis", now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    });

    /// <summary>
    /// The public data of the Coinbase App's v2 API on the same host, which clients load with the markets: the fiat and
    /// crypto currencies and the USD exchange rates (Coinbase App, "Currencies" and "Exchange Rates":
    /// https://docs.cdp.coinbase.com/coinbase-app/track-apis/currencies, https://docs.cdp.coinbase.com/coinbase-app/track-apis/exchange-rates).
    /// </summary>
    private SimResponse V2Time() => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("data");
        w.WriteString("iso", Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteNumber("epoch", Now.ToUnixTimeSeconds());
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static SimResponse FiatCurrencies() => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var (id, name) in new[] { ("USD", "US Dollar"), ("EUR", "Euro"), ("GBP", "British Pound") })
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", name);
            w.WriteString("min_size", "0.01");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private SimResponse CryptoCurrencies() => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var (asset, index) in Runtime.Markets.Assets.Where(a => !IsFiat(a)).Select((a, i) => (a, i)))
        {
            w.WriteStartObject();
            w.WriteString("asset_id", Uuid("asset/" + asset));
            w.WriteString("code", asset);
            w.WriteString("name", asset);
            w.WriteString("color", "#0052FF");
            w.WriteString("sort_index", index.ToString(CultureInfo.InvariantCulture));
            w.WriteString("exponent", "8");
            w.WriteString("type", "crypto");
            w.WriteString("address_regex", "^.+$");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>How much of each asset one US dollar buys.</summary>
    private SimResponse ExchangeRates() => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("data");
        w.WriteString("currency", "USD");
        w.WriteStartObject("rates");
        foreach (var pair in Runtime.Markets.UsdPairs.Where(p => p.Price > 0))
        {
            w.WriteString(pair.Base, MarketBook.Format(Math.Round(1m / pair.Price, 12)));
        }

        w.WriteString("USD", "1");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// The key's portfolio's accounts, one per currency and wallet, in pages: <c>limit</c> 49 by default and 250 at most,
    /// <c>cursor</c> the uuid of the last account of the previous page, <c>has_next</c> and an empty cursor on the last page.
    /// </summary>
    private SimResponse Accounts(SimRequest request, SimAccount account)
    {
        var limit = int.TryParse(request.Query.GetValueOrDefault("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0 ? Math.Min(asked, 250) : 49;
        var rows = AccountRows(account);
        var start = 0;
        if (request.Query.GetValueOrDefault("cursor") is { Length: > 0 } cursor)
        {
            var index = rows.FindIndex(r => r.Uuid == cursor);
            if (index < 0)
            {
                return Error(400, "INVALID_ARGUMENT", "invalid cursor");
            }

            start = index + 1;
        }

        var page = rows.Skip(start).Take(limit).ToList();
        var hasNext = start + page.Count < rows.Count;
        var portfolio = PortfolioUuid(account);
        var created = (account.Config.CreatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return SimResponse.Write(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("accounts");
            foreach (var row in page)
            {
                w.WriteStartObject();
                w.WriteString("uuid", row.Uuid);
                w.WriteString("name", row.Vault ? row.Asset + " Vault" : IsFiat(row.Asset) ? $"Cash ({row.Asset})" : row.Asset + " Wallet");
                w.WriteString("currency", row.Asset);
                WriteMoney(w, "available_balance", row.Free, row.Asset);
                w.WriteBoolean("default", !row.Vault);
                w.WriteBoolean("active", true);
                w.WriteString("created_at", created);
                w.WriteString("updated_at", created);
                w.WriteNull("deleted_at");
                w.WriteString("type", row.Vault ? "ACCOUNT_TYPE_VAULT" : IsFiat(row.Asset) ? "ACCOUNT_TYPE_FIAT" : "ACCOUNT_TYPE_CRYPTO");
                w.WriteBoolean("ready", true);
                WriteMoney(w, "hold", row.Locked, row.Asset);
                w.WriteString("retail_portfolio_id", portfolio);
                w.WriteString("platform", "ACCOUNT_PLATFORM_CONSUMER");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("has_next", hasNext);
            w.WriteString("cursor", hasNext ? page[^1].Uuid : "");
            w.WriteNumber("size", page.Count);
            w.WriteEndObject();
        });
    }

    /// <summary>The key's rights as Coinbase's three scopes (docs/exchange-permissions.md): trading of any kind is Trade,
    /// withdrawing or moving funds is Transfer.</summary>
    private SimResponse KeyPermissions(SimRequest request, SimAccount account) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("can_view", account.Can("read"));
        w.WriteBoolean("can_trade", account.Can("spot") || account.Can("margin") || account.Can("futures"));
        w.WriteBoolean("can_transfer", account.Can("withdraw") || account.Can("transfer"));
        w.WriteString("portfolio_uuid", PortfolioUuid(account));
        w.WriteString("portfolio_type", "DEFAULT");
        w.WriteEndObject();
    });

    /// <summary>The key's own portfolio: a key is scoped to one.</summary>
    private SimResponse Portfolios(SimRequest request, SimAccount account) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("portfolios");
        w.WriteStartObject();
        w.WriteString("name", account.Config.Label ?? "Default");
        w.WriteString("uuid", PortfolioUuid(account));
        w.WriteString("type", "DEFAULT");
        w.WriteBoolean("deleted", false);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The fee tier of a user with no volume (ccxt reads it while loading markets).</summary>
    private static SimResponse TransactionSummary() => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total_volume", 0);
        w.WriteNumber("total_fees", 0);
        w.WriteStartObject("fee_tier");
        w.WriteString("pricing_tier", "Advanced 1");
        w.WriteString("usd_from", "0");
        w.WriteString("usd_to", "1000");
        w.WriteString("taker_fee_rate", "0.012");
        w.WriteString("maker_fee_rate", "0.006");
        w.WriteEndObject();
        w.WriteNull("margin_rate");
        w.WriteNull("goods_and_services_tax");
        w.WriteNumber("advanced_trade_only_volume", 0);
        w.WriteNumber("advanced_trade_only_fees", 0);
        w.WriteNumber("coinbase_pro_volume", 0);
        w.WriteNumber("coinbase_pro_fees", 0);
        w.WriteEndObject();
    });

    /// <summary>Spot products against USD (and USDC) for every priced asset; futures and perpetuals list none.</summary>
    private SimResponse Products(SimRequest request)
    {
        var type = request.Query.GetValueOrDefault("product_type");
        var pairs = type is null or "" or "SPOT" ? SpotPairs() : [];
        return SimResponse.Write(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("products");
            foreach (var pair in pairs)
            {
                WriteProduct(w, pair);
            }

            w.WriteEndArray();
            w.WriteString("num_products", pairs.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }

    private SimResponse Product(string productId)
    {
        var pair = SpotPairs().FirstOrDefault(p => p.Base + "-" + p.Quote == productId);
        return pair is null ? Error(404, "NOT_FOUND", "product not found") : SimResponse.Write(200, w => WriteProduct(w, pair));
    }

    private List<Pair> SpotPairs() =>
        [.. Runtime.Markets.UsdPairs, .. Runtime.Markets.UsdPairs.Where(p => p.Base != "USDC").Select(p => p with { Quote = "USDC" })];

    /// <summary>A product as "Get Public Product" shows it (https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product).</summary>
    private static void WriteProduct(Utf8JsonWriter w, Pair pair)
    {
        var id = pair.Base + "-" + pair.Quote;
        w.WriteStartObject();
        w.WriteString("product_id", id);
        w.WriteString("price", MarketBook.Format(pair.Price));
        w.WriteString("price_percentage_change_24h", "0");
        w.WriteString("volume_24h", "0");
        w.WriteString("volume_percentage_change_24h", "0");
        w.WriteString("base_increment", "0.00000001");
        w.WriteString("quote_increment", "0.01");
        w.WriteString("quote_min_size", "1");
        w.WriteString("quote_max_size", "150000000");
        w.WriteString("base_min_size", "0.00000001");
        w.WriteString("base_max_size", "3400");
        w.WriteString("base_name", pair.Base);
        w.WriteString("quote_name", pair.Quote == "USD" ? "US Dollar" : pair.Quote);
        w.WriteBoolean("watched", false);
        w.WriteBoolean("is_disabled", false);
        w.WriteBoolean("new", false);
        w.WriteString("status", "online");
        w.WriteBoolean("cancel_only", false);
        w.WriteBoolean("limit_only", false);
        w.WriteBoolean("post_only", false);
        w.WriteBoolean("trading_disabled", false);
        w.WriteBoolean("auction_mode", false);
        w.WriteString("product_type", "SPOT");
        w.WriteString("quote_currency_id", pair.Quote);
        w.WriteString("base_currency_id", pair.Base);
        w.WriteNull("fcm_trading_session_details");
        w.WriteString("mid_market_price", "");
        w.WriteString("alias", "");
        w.WriteStartArray("alias_to");
        w.WriteEndArray();
        w.WriteString("base_display_symbol", pair.Base);
        w.WriteString("quote_display_symbol", pair.Quote);
        w.WriteBoolean("view_only", false);
        w.WriteString("price_increment", "0.01");
        w.WriteString("display_name", id);
        w.WriteString("product_venue", "CBE");
        w.WriteEndObject();
    }

    private static void WriteMoney(Utf8JsonWriter w, string name, decimal value, string currency)
    {
        w.WriteStartObject(name);
        w.WriteString("value", value.ToString("0.0000000000000000", CultureInfo.InvariantCulture));
        w.WriteString("currency", currency);
        w.WriteEndObject();
    }

    private static bool IsFiat(string asset) => asset is "USD" or "EUR" or "GBP";

    /// <summary>One account per currency in the spot wallet (a cash account in USD always), one per vaulted currency.</summary>
    private static List<AccountRow> AccountRows(SimAccount account)
    {
        var rows = new List<AccountRow>();
        var spot = account.Config.Balances.Where(b => b.Wallet == "spot").GroupBy(b => b.Asset, StringComparer.Ordinal)
            .Select(g => (Asset: g.Key, Free: g.Sum(b => b.Free), Locked: g.Sum(b => b.Locked))).ToList();
        if (!spot.Any(s => s.Asset == "USD"))
        {
            spot.Add(("USD", 0m, 0m));
        }

        foreach (var (asset, free, locked) in spot)
        {
            rows.Add(new AccountRow(Uuid(account.ApiKey + "/spot/" + asset), asset, free, locked, false));
        }

        foreach (var vault in account.Config.Balances.Where(b => b.Wallet == "vault"))
        {
            rows.Add(new AccountRow(Uuid(account.ApiKey + "/vault/" + vault.Asset + "/" + rows.Count.ToString(CultureInfo.InvariantCulture)), vault.Asset, vault.Free, vault.Locked, true));
        }

        return rows;
    }

    private static string PortfolioUuid(SimAccount account) => Uuid("portfolio/" + account.Uid);

    /// <summary>A stable UUID made from a name, so pages and cursors stay the same between calls.</summary>
    private static string Uuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private sealed record AccountRow(string Uuid, string Asset, decimal Free, decimal Locked, bool Vault);

    /// <summary>A compact JWS as received: its header and claims read, its signature not yet checked.</summary>
    private sealed record Jwt(string SigningInput, byte[] Signature, string? Algorithm, string? Kid, string? Subject, long? NotBefore, long? Expires, IReadOnlyList<string> Uris)
    {
        public static Jwt? Parse(string? authorization)
        {
            if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return null;
            }

            var parts = authorization["Bearer ".Length..].Trim().Split('.');
            if (parts.Length != 3 || Decode(parts[0]) is not { } header || Decode(parts[1]) is not { } claims || Decode(parts[2]) is not { Length: 64 } signature)
            {
                return null;
            }

            try
            {
                using var headerJson = JsonDocument.Parse(header);
                using var claimsJson = JsonDocument.Parse(claims);
                var h = headerJson.RootElement;
                var c = claimsJson.RootElement;
                if (h.ValueKind != JsonValueKind.Object || c.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var uris = new List<string>();
                if (c.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String)
                {
                    uris.Add(uri.GetString()!);
                }

                if (c.TryGetProperty("uris", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    uris.AddRange(list.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!));
                }

                return new Jwt(parts[0] + "." + parts[1], signature, Text(h, "alg"), Text(h, "kid"), Text(c, "sub"), Number(c, "nbf"), Number(c, "exp"), uris);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static long? Number(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

        private static byte[]? Decode(string part)
        {
            var base64 = part.Replace('-', '+').Replace('_', '/');
            base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
