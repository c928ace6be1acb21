using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Kraken;

/// <summary>
/// Kraken spot REST (https://docs.kraken.com/api/docs/guides/spot-rest-intro): private calls are
/// <c>POST /0/private/&lt;Method&gt;</c> with headers <c>API-Key</c> and <c>API-Sign</c>, a Base64 HMAC-SHA512 keyed with the
/// Base64-<em>decoded</em> private key over the URI path followed by SHA-256(nonce + POST data); the body is form-encoded
/// (or JSON) and carries a nonce that must rise with every call of the key, and <c>otp</c> for a key with two-factor
/// authentication. Every answer is HTTP 200 with <c>{"error":[…],"result":…}</c>; refusals carry only <c>error</c>.
/// Each key has a call counter (+1 per call, at most 15, −0.33 per second on the Starter tier).
/// </summary>
internal sealed class KrakenSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    /// <summary>"Every REST API user has a call counter"; "each API key's counter is separate": +1 per call, at most 15,
    /// falling by 0.33 a second on the Starter tier (https://docs.kraken.com/api/docs/guides/spot-rest-ratelimits). The
    /// window is the time the counter takes to drain; <c>rateLimits.limits</c> may change the maximum.</summary>
    private static readonly RateLimitRule CounterRule = new("kraken.counter", 15, TimeSpan.FromSeconds(45), RateScope.Key);

    /// <summary>Public endpoints are limited per address; Kraken publishes no figure, so only floods are refused.</summary>
    private static readonly RateLimitRule PublicRule = new("kraken.public", 15, TimeSpan.FromSeconds(15), RateScope.Ip);

    private const double DecayPerSecond = 0.33;

    /// <summary>The extended-balance suffix of each wallet (https://docs.kraken.com/api-reference/account-data/get-extended-balance,
    /// "Symbol Extensions"; support article 360039879471): spot has none.</summary>
    private static readonly Dictionary<string, string> Suffixes = new(StringComparer.Ordinal)
    {
        ["spot"] = "",
        ["auto-earn"] = ".F",
        ["opt-in-rewards"] = ".M",
        ["staked"] = ".S",
        ["bonded"] = ".B",
    };

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "kraken",
        DisplayName = "Kraken",
        Wallets = [.. Suffixes.Keys],
        RateLimits = [CounterRule, PublicRule],
        CreateSite = (runtime, site) => new KrakenSite(runtime, site),
    };

    /// <summary>Assets Kraken still lists under their legacy X/Z keys, with the altname its API uses (GET /0/public/Assets).</summary>
    private static readonly Dictionary<string, (string Key, string Altname)> Legacy = new(StringComparer.Ordinal)
    {
        ["BTC"] = ("XXBT", "XBT"),
        ["ETH"] = ("XETH", "ETH"),
        ["DOGE"] = ("XXDG", "XDG"),
        ["XRP"] = ("XXRP", "XRP"),
        ["LTC"] = ("XLTC", "LTC"),
        ["XLM"] = ("XXLM", "XLM"),
        ["USD"] = ("ZUSD", "USD"),
        ["EUR"] = ("ZEUR", "EUR"),
        ["GBP"] = ("ZGBP", "GBP"),
    };

    private readonly Dictionary<string, (double Value, DateTimeOffset At)> _counters = new(StringComparer.Ordinal);

    public override string? PeekApiKey(SimRequest request) => request.Header("API-Key");

    public override SimResponse Handle(SimRequest request) => (request.Method, request.Path) switch
    {
        ("GET", "/0/public/Time") => Public(request, _ => Result(w =>
        {
            w.WriteNumber("unixtime", Now.ToUnixTimeSeconds());
            // A two-digit year and a day padded with a space: "Wed,  9 Jan 19 01:50:54 +0000".
            w.WriteString("rfc1123", Now.ToString("ddd, ", CultureInfo.InvariantCulture) + Now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
                + Now.ToString(" MMM yy HH:mm:ss +0000", CultureInfo.InvariantCulture));
        })),
        ("GET", "/0/public/SystemStatus") => Public(request, _ => Result(w =>
        {
            w.WriteString("status", "online");
            w.WriteString("timestamp", Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        })),
        ("GET", "/0/public/Assets") => Public(request, Assets),
        ("GET", "/0/public/AssetPairs") => Public(request, AssetPairs),
        ("GET", "/0/public/Ticker") => Public(request, Ticker),
        ("POST", "/0/private/Balance") => Private(request, ["query-funds"], account => Balances(account, extended: false)),
        ("POST", "/0/private/BalanceEx") => Private(request, ["query-funds"], account => Balances(account, extended: true)),
        ("POST", "/0/private/Earn/Allocations") => Private(request, ["query-funds"], Allocations),
        ("POST", "/0/private/GetApiKeyInfo") => Private(request, [], ApiKeyInfo),
        ("POST", "/0/private/WithdrawMethods") => Private(request, ["query-funds", "withdraw-funds"], WithdrawMethods),
        ("POST", "/0/private/TradeBalance") => Private(request, ["query-open-trades"], TradeBalance),
        _ => NotFound(),
    };

    /// <summary>A forced 429 is the transport's; the counter's own refusal is the HTTP 200 <c>EAPI:Rate limit exceeded</c>.</summary>
    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Error("EAPI:Rate limit exceeded", 429).WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error("EGeneral:Internal error", 500);

    public override SimResponse Maintenance() => Error("EService:Unavailable", 503);

    public override SimResponse RestrictedLocation() => Error("EGeneral:Permission denied", 451);

    /// <summary>Kraken's key for an asset (<c>XXBT</c>, <c>ZUSD</c>, <c>SOL</c>).</summary>
    private static string KeyOf(string asset) => Legacy.TryGetValue(asset, out var legacy) ? legacy.Key : asset;

    /// <summary>The altname the API uses in pair names and extended codes (<c>XBT</c>).</summary>
    private static string AltnameOf(string asset) => Legacy.TryGetValue(asset, out var legacy) ? legacy.Altname : asset;

    /// <summary>Decimals as Kraken writes them: 4 for fiat, 8 for stablecoins, 10 for the rest.</summary>
    private static int DecimalsOf(string asset) => asset switch
    {
        "USD" or "EUR" or "GBP" => 4,
        "USDT" or "USDC" => 8,
        _ => 10,
    };

    private static string Amount(string asset, decimal value) => MarketBook.Fixed(value, DecimalsOf(asset));

    /// <summary>The canonical pair name: legacy assets join their keys (<c>XXBTZUSD</c>), others their altnames (<c>SOLUSD</c>).</summary>
    private static string PairName(Pair pair) =>
        Legacy.ContainsKey(pair.Base) || pair.Base == "USDT" ? KeyOf(pair.Base) + KeyOf(pair.Quote) : AltnameOf(pair.Base) + AltnameOf(pair.Quote);

    private decimal UsdPrice(string asset) => Runtime.Config.Prices.TryGetValue(asset, out var price) ? price : asset == "USD" ? 1m : 0m;

    private IEnumerable<string> ListedAssets() => Runtime.Markets.Assets.Append("USD").Distinct(StringComparer.Ordinal);

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer) =>
        Count(PublicRule, request, null, "public").Allowed ? answer(request) : Error("EGeneral:Too many requests");

    private SimResponse Private(SimRequest request, string[] rights, Func<SimAccount, SimResponse> answer)
    {
        var account = Runtime.Accounts.Find(Exchange, request.Header("API-Key"));

        // An expired key answers as an unknown one: Kraken documents no error of its own for it.
        if (account is null || !IsLive(account))
        {
            return Error("EAPI:Invalid key");
        }

        var body = FormEncoding.Text(request.Body);
        var fields = ReadFields(request, body);
        var nonceText = fields.GetValueOrDefault("nonce") ?? "";
        if (!Verifies(account, request.Path, nonceText, body, request.Header("API-Sign")))
        {
            return Error("EAPI:Invalid signature");
        }

        // A key with two-factor authentication needs its password as otp on every call; without it Kraken answers
        // that the signature is invalid (support article 360000714526).
        if (account.PassphraseBytes.Length > 0 && !Signatures.FixedTimeEquals(fields.GetValueOrDefault("otp"), account.PassphraseBytes))
        {
            return Error("EAPI:Invalid signature");
        }

        if (!ulong.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out var nonce) || nonce > long.MaxValue || !account.TryAdvanceNonce((long)nonce))
        {
            return Error("EAPI:Invalid nonce");
        }

        // Kraken documents no error of its own for a call from outside the key's IP allowlist.
        if (!account.AllowsAddress(request.ClientIp))
        {
            return Error("EGeneral:Permission denied");
        }

        if (!CountCall(account))
        {
            return Error("EAPI:Rate limit exceeded");
        }

        var granted = Rights(account);
        return rights.All(granted.Contains) ? answer(account) : Error("EGeneral:Permission denied");
    }

    /// <summary>The body's fields: form-encoded, or JSON (as clients send for batch orders); the nonce is a string or a number.</summary>
    private static Dictionary<string, string> ReadFields(SimRequest request, string body)
    {
        if (!(request.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return FormEncoding.Parse(body);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable body has no nonce: the signature check refuses it.
        }

        return fields;
    }

    /// <summary>API-Sign = Base64(HMAC-SHA512(Base64Decode(secret), path ‖ SHA256(nonce + body))), compared in constant time.</summary>
    private static bool Verifies(SimAccount account, string path, string nonce, string body, string? provided)
    {
        if (string.IsNullOrEmpty(provided))
        {
            return false;
        }

        var key = new byte[128];
        if (!Convert.TryFromBase64String(account.Config.Secret, key, out var length))
        {
            return false;
        }

        try
        {
            var pathBytes = Encoding.UTF8.GetBytes(path);
            var message = new byte[pathBytes.Length + 32];
            pathBytes.CopyTo(message, 0);
            SHA256.HashData(Encoding.UTF8.GetBytes(nonce + body), message.AsSpan(pathBytes.Length));
            var expected = HMACSHA512.HashData(key.AsSpan(0, length), message);
            var claimed = new byte[expected.Length];
            return Convert.TryFromBase64String(provided, claimed, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(claimed, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Adds the call to the key's counter, which falls by 0.33 a second; refuses it when it would pass the maximum.</summary>
    private bool CountCall(SimAccount account)
    {
        if (!Runtime.Limiter.Enabled)
        {
            return true;
        }

        var limit = Runtime.Limiter.LimitOf(CounterRule);
        var now = Runtime.Time.GetUtcNow();
        lock (_counters)
        {
            var (value, at) = _counters.GetValueOrDefault(account.ApiKey, (0d, now));
            value = Math.Max(0, value - ((now - at).TotalSeconds * DecayPerSecond));
            if (value + 1 > limit)
            {
                _counters[account.ApiKey] = (value, now);
                return false;
            }

            _counters[account.ApiKey] = (value + 1, now);
            return true;
        }
    }

    /// <summary>The configured rights in Kraken's codes (https://docs.kraken.com/api-reference/account-data/get-api-key-info;
    /// docs/exchange-permissions.md): reading is the four query rights, trading the two order rights, and withdrawing —
    /// which transfers between accounts also need — the withdrawal right.</summary>
    private static List<string> Rights(SimAccount account)
    {
        var rights = new List<string>();
        if (account.Can("read"))
        {
            rights.AddRange(["query-funds", "query-open-trades", "query-closed-trades", "query-ledger"]);
        }

        if (account.Can("spot") || account.Can("margin"))
        {
            rights.AddRange(["modify-trades", "close-trades"]);
        }

        if (account.Can("withdraw") || account.Can("transfer"))
        {
            rights.Add("withdraw-funds");
        }

        return rights;
    }

    /// <summary>Per Kraken code, the amount held and the part held for open orders (spot only).</summary>
    private static IEnumerable<(string Code, string Asset, decimal Balance, decimal Hold)> Holdings(SimAccount account) =>
        account.Config.Balances
            .GroupBy(b => (b.Wallet, b.Asset))
            .Select(g => (
                Code: g.Key.Wallet == "spot" ? KeyOf(g.Key.Asset) : AltnameOf(g.Key.Asset) + Suffixes[g.Key.Wallet],
                g.Key.Asset,
                Balance: g.Sum(b => b.Free + b.Locked),
                Hold: g.Key.Wallet == "spot" ? g.Sum(b => b.Locked) : 0m))
            .OrderBy(h => h.Code, StringComparer.Ordinal);

    private static SimResponse Balances(SimAccount account, bool extended) => Result(w =>
    {
        foreach (var (code, asset, balance, hold) in Holdings(account))
        {
            if (!extended)
            {
                w.WriteString(code, Amount(asset, balance));
                continue;
            }

            w.WriteStartObject(code);
            w.WriteString("balance", Amount(asset, balance));
            w.WriteString("hold_trade", Amount(asset, hold));
            w.WriteEndObject();
        }
    });

    /// <summary>Every earn and staking balance as one allocation per asset, valued in USD
    /// (https://docs.kraken.com/api-reference/earn/list-earn-allocations).</summary>
    private SimResponse Allocations(SimAccount account)
    {
        var allocated = account.Config.Balances
            .Where(b => b.Wallet != "spot")
            .GroupBy(b => b.Asset, StringComparer.Ordinal)
            .Select(g => (Asset: g.Key, Amount: g.Sum(b => b.Free + b.Locked), Usd: g.Sum(b => b.Free + b.Locked) * UsdPrice(g.Key)))
            .OrderBy(a => a.Asset, StringComparer.Ordinal)
            .ToList();
        return Result(w =>
        {
            w.WriteString("converted_asset", "USD");
            w.WriteString("total_allocated", MarketBook.Fixed(allocated.Sum(a => a.Usd), 4));
            w.WriteString("total_rewarded", "0.0000");
            w.WriteStartArray("items");
            foreach (var (asset, amount, usd) in allocated)
            {
                w.WriteStartObject();
                w.WriteString("strategy_id", "ES" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(asset)).AsSpan(0, 8)));
                w.WriteString("native_asset", AltnameOf(asset));
                w.WriteStartObject("amount_allocated");
                w.WriteStartObject("total");
                w.WriteString("native", Amount(asset, amount));
                w.WriteString("converted", MarketBook.Fixed(usd, 4));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartObject("total_rewarded");
                w.WriteString("native", "0");
                w.WriteString("converted", "0.0000");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>The calling key, as GetApiKeyInfo describes it (https://docs.kraken.com/api-reference/account-data/get-api-key-info):
    /// times as Unix-second strings, <c>"0"</c> for none, the highest nonce the key has used.</summary>
    private SimResponse ApiKeyInfo(SimAccount account)
    {
        var config = account.Config;
        var created = (config.CreatedAt ?? Now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return Result(w =>
        {
            w.WriteString("apiKeyName", config.Label ?? "api-key-" + created);
            w.WriteString("apiKey", account.ApiKey);
            w.WriteString("nonce", account.LastNonce.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("nonceWindow", 0);
            w.WriteStartArray("permissions");
            foreach (var right in Rights(account))
            {
                w.WriteStringValue(right);
            }

            w.WriteEndArray();
            w.WriteString("iban", Iiban(account.Uid));
            w.WriteString("validUntil", config.ExpiresAt is { } expiry ? expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : "0");
            w.WriteString("queryFrom", "0");
            w.WriteString("queryTo", "0");
            w.WriteString("createdTime", created);
            w.WriteString("modifiedTime", created);
            w.WriteStartArray("ipAllowlist");
            foreach (var ip in config.IpWhitelist)
            {
                w.WriteStringValue(ip);
            }

            w.WriteEndArray();
            w.WriteString("lastUsed", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        });
    }

    /// <summary>The account's IIBAN, four groups of four (<c>AA88 N84G WOAK NMOI</c>), made from its uid.</summary>
    private static string Iiban(string uid)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(uid));
        var text = string.Concat(hash.Take(16).Select(b => Alphabet[b % Alphabet.Length]));
        return string.Join(' ', text[..4], text[4..8], text[8..12], text[12..16]);
    }

    private static SimResponse WithdrawMethods(SimAccount account) => Array(w =>
    {
        w.WriteStartObject();
        w.WriteString("asset", "XXBT");
        w.WriteString("method", "Bitcoin");
        w.WriteString("network", "Bitcoin");
        w.WriteString("minimum", "0.0005");
        w.WriteEndObject();
    });

    /// <summary>Margin equity in USD: the spot balances at the configured prices, with nothing borrowed.</summary>
    private SimResponse TradeBalance(SimAccount account)
    {
        var equity = account.Config.Balances.Where(b => b.Wallet == "spot").Sum(b => (b.Free + b.Locked) * UsdPrice(b.Asset));
        var text = MarketBook.Fixed(equity, 4);
        return Result(w =>
        {
            foreach (var (name, value) in new[] { ("eb", text), ("tb", text), ("m", "0.0000"), ("n", "0.0000"), ("c", "0.0000"), ("v", "0.0000"), ("e", text), ("mf", text) })
            {
                w.WriteString(name, value);
            }
        });
    }

    private SimResponse Assets(SimRequest request)
    {
        var wanted = request.Query.GetValueOrDefault("asset")?.Split(',').ToHashSet(StringComparer.Ordinal);
        return Result(w =>
        {
            foreach (var asset in ListedAssets().Where(a => wanted is null || wanted.Contains(KeyOf(a)) || wanted.Contains(AltnameOf(a))))
            {
                w.WriteStartObject(KeyOf(asset));
                w.WriteString("aclass", "currency");
                w.WriteString("altname", AltnameOf(asset));
                w.WriteNumber("decimals", DecimalsOf(asset));
                w.WriteNumber("display_decimals", Math.Min(DecimalsOf(asset), 5));
                w.WriteNumber("collateral_value", 1);
                w.WriteString("status", "enabled");
                w.WriteEndObject();
            }
        });
    }

    private SimResponse AssetPairs(SimRequest request) => Result(w =>
    {
        foreach (var pair in Runtime.Markets.UsdPairs)
        {
            w.WriteStartObject(PairName(pair));
            w.WriteString("altname", AltnameOf(pair.Base) + AltnameOf(pair.Quote));
            w.WriteString("wsname", AltnameOf(pair.Base) + "/" + AltnameOf(pair.Quote));
            w.WriteString("aclass_base", "currency");
            w.WriteString("base", KeyOf(pair.Base));
            w.WriteString("aclass_quote", "currency");
            w.WriteString("quote", KeyOf(pair.Quote));
            w.WriteString("lot", "unit");
            w.WriteNumber("cost_decimals", 5);
            w.WriteNumber("pair_decimals", 2);
            w.WriteNumber("lot_decimals", 8);
            w.WriteNumber("lot_multiplier", 1);
            w.WriteStartArray("leverage_buy");
            w.WriteEndArray();
            w.WriteStartArray("leverage_sell");
            w.WriteEndArray();
            foreach (var (name, fee) in new[] { ("fees", 0.26m), ("fees_maker", 0.16m) })
            {
                w.WriteStartArray(name);
                w.WriteStartArray();
                w.WriteNumberValue(0);
                w.WriteNumberValue(fee);
                w.WriteEndArray();
                w.WriteEndArray();
            }

            w.WriteString("fee_volume_currency", "ZUSD");
            w.WriteNumber("margin_call", 80);
            w.WriteNumber("margin_stop", 40);
            w.WriteString("ordermin", "0.0001");
            w.WriteString("costmin", "0.5");
            w.WriteString("tick_size", "0.01");
            w.WriteString("status", "online");
            w.WriteEndObject();
        }
    });

    private SimResponse Ticker(SimRequest request)
    {
        var pairs = Runtime.Markets.UsdPairs;
        if (request.Query.GetValueOrDefault("pair") is { Length: > 0 } wanted)
        {
            var names = wanted.Split(',').ToHashSet(StringComparer.Ordinal);
            pairs = [.. pairs.Where(p => names.Contains(PairName(p)) || names.Contains(AltnameOf(p.Base) + AltnameOf(p.Quote)))];
            if (pairs.Count == 0)
            {
                return Error("EQuery:Unknown asset pair");
            }
        }

        return Result(w =>
        {
            foreach (var pair in pairs)
            {
                var price = MarketBook.Format(pair.Price);
                w.WriteStartObject(PairName(pair));
                foreach (var (name, values) in new[] { ("a", new[] { price, "1", "1.000" }), ("b", [price, "1", "1.000"]), ("c", [price, "0.10000000"]), ("v", ["0", "0"]), ("p", [price, price]) })
                {
                    w.WriteStartArray(name);
                    foreach (var value in values)
                    {
                        w.WriteStringValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteStartArray("t");
                w.WriteNumberValue(0);
                w.WriteNumberValue(0);
                w.WriteEndArray();
                foreach (var name in new[] { "l", "h" })
                {
                    w.WriteStartArray(name);
                    w.WriteStringValue(price);
                    w.WriteStringValue(price);
                    w.WriteEndArray();
                }

                w.WriteString("o", price);
                w.WriteEndObject();
            }
        });
    }

    private static SimResponse Result(Action<Utf8JsonWriter> writeResult) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("error");
        w.WriteEndArray();
        w.WriteStartObject("result");
        writeResult(w);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static SimResponse Array(Action<Utf8JsonWriter> writeItems) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("error");
        w.WriteEndArray();
        w.WriteStartArray("result");
        writeItems(w);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A refusal: only <c>error</c>, with HTTP 200 unless the transport itself refused.</summary>
    private static SimResponse Error(string message, int status = 200) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("error");
        w.WriteStringValue(message);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
