using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Binance;

/// <summary>
/// Binance spot and wallet (api.binance.com, or Binance.US on its own port): request weight per address per minute —
/// one pool for <c>/api/*</c>, an independent 12,000 per SAPI endpoint — HMAC-SHA256 (or, for a self-generated key,
/// Ed25519 or RSA checked with its public key) over the query and body as sent,
/// <c>recvWindow</c> up to 60 s and at most 1 s ahead. Wallets: spot, funding, Simple Earn flexible and locked positions,
/// cross and isolated margin; a margin wallet with no balance configured was never opened.
/// </summary>
internal sealed class BinanceSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly RateLimitRule WeightRule = new("binance.weight", 6000, TimeSpan.FromMinutes(1), RateScope.Ip);
    private static readonly RateLimitRule SapiWeightRule = new("binance.sapi-weight", 12000, TimeSpan.FromMinutes(1), RateScope.Ip);

    /// <summary>USDⓈ-M and COIN-M futures: 2,400 request weight per minute per address each, on their own hosts.</summary>
    private static readonly RateLimitRule FapiWeightRule = new("binance.fapi-weight", 2400, TimeSpan.FromMinutes(1), RateScope.Ip);
    private static readonly RateLimitRule DapiWeightRule = new("binance.dapi-weight", 2400, TimeSpan.FromMinutes(1), RateScope.Ip);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "binance",
        DisplayName = "Binance",
        DefaultRegion = "com",
        RegionalSites = [new("us", "binance-us")],
        Wallets = ["spot", "funding", EarnFlexible, EarnLocked, CrossMargin, IsolatedMargin, UsdsFutures, CoinFutures],
        RateLimits = [WeightRule, SapiWeightRule, FapiWeightRule, DapiWeightRule],
        CreateSite = (runtime, site) => new BinanceSite(runtime, site),
    };

    private const string EarnFlexible = "earn-flexible";
    private const string EarnLocked = "earn-locked";
    private const string CrossMargin = "cross-margin";
    private const string IsolatedMargin = "isolated-margin";
    private const string UsdsFutures = "usds-futures";
    private const string CoinFutures = "coin-futures";

    private const string WeightHeader = "X-MBX-USED-WEIGHT-1M";
    private const string SapiWeightHeader = "X-SAPI-USED-IP-WEIGHT-1M";
    private const string RejectedKey = "Invalid API-key, IP, or permissions for action.";

    private readonly ConcurrentDictionary<string, Ban> _bans = new(StringComparer.Ordinal);

    /// <summary>The public keys of the configured self-generated keys, each derived once from its private key.</summary>
    private readonly ConcurrentDictionary<string, PublicKeyOf?> _registered = new(StringComparer.Ordinal);

    public override string? PeekApiKey(SimRequest request) => request.Header("X-MBX-APIKEY");

    public override SimResponse Handle(SimRequest request)
    {
        var route = (request.Method, request.Path);
        return route switch
        {
            ("GET", "/api/v3/ping") => Public(request, 1, _ => Json(w => { w.WriteStartObject(); w.WriteEndObject(); })),
            ("GET", "/api/v3/time") => Public(request, 1, _ => Json(w => { w.WriteStartObject(); w.WriteNumber("serverTime", Now.ToUnixTimeMilliseconds()); w.WriteEndObject(); })),
            ("GET", "/api/v3/exchangeInfo") => Public(request, 20, ExchangeInfo),
            ("GET", "/api/v3/ticker/price") => Public(request, request.Query.ContainsKey("symbol") ? 2 : 4, TickerPrice),
            ("GET", "/api/v3/account") => Signed(request, 20, Account),
            ("GET", "/sapi/v1/account/apiRestrictions") => Signed(request, 1, ApiRestrictions),
            ("POST", "/sapi/v1/asset/get-funding-asset") => Signed(request, 1, FundingAssets),
            ("GET", "/sapi/v1/simple-earn/flexible/position") => Signed(request, 150, (r, a) => EarnPositions(r, a, locked: false)),
            ("GET", "/sapi/v1/simple-earn/locked/position") => Signed(request, 150, (r, a) => EarnPositions(r, a, locked: true)),
            ("GET", "/sapi/v1/margin/account") => Signed(request, 10, CrossMarginAccount),
            ("GET", "/sapi/v1/margin/isolated/account") => Signed(request, 10, IsolatedMarginAccount),
            ("GET", "/sapi/v1/asset/wallet/balance") => Signed(request, 60, WalletSummary),
            ("GET", "/sapi/v1/sub-account/list") => Signed(request, 1, (r, a) => Master(a, () => SubAccountList(r, a))),
            ("GET", "/sapi/v3/sub-account/assets") => Signed(request, 60, (r, a) => Master(a, () => SubAccountAssets(r, a))),
            ("GET", "/sapi/v1/sub-account/status") => Signed(request, 10, (r, a) => Master(a, () => SubAccountStatus(r, a))),
            ("GET", "/sapi/v2/sub-account/futures/account") => Signed(request, 1, (r, a) => Master(a, () => SubAccountFutures(r, a))),
            ("GET", "/sapi/v1/sub-account/margin/account") => Signed(request, 10, (r, a) => Master(a, () => SubAccountMargin(r, a))),
            ("GET", "/fapi/v1/time" or "/dapi/v1/time") => Public(request, 1, _ => Json(w => { w.WriteStartObject(); w.WriteNumber("serverTime", Now.ToUnixTimeMilliseconds()); w.WriteEndObject(); })),
            ("GET", "/fapi/v3/account") => Futures(request, 5, UsdsFutures, (_, a) => FuturesAccount(a, UsdsFutures, version: 3)),
            ("GET", "/fapi/v2/account") => Futures(request, 5, UsdsFutures, (_, a) => FuturesAccount(a, UsdsFutures, version: 2)),
            ("GET", "/fapi/v3/balance" or "/fapi/v2/balance") => Futures(request, 5, UsdsFutures, (_, a) => FuturesBalances(a, UsdsFutures)),
            ("GET", "/dapi/v1/account") => Futures(request, 5, CoinFutures, (_, a) => FuturesAccount(a, CoinFutures, version: 1)),
            ("GET", "/dapi/v1/balance") => Futures(request, 1, CoinFutures, (_, a) => FuturesBalances(a, CoinFutures)),
            ("GET", "/sapi/v1/capital/config/getall") => Signed(request, 10, CapitalConfig),
            ("GET", "/sapi/v1/margin/allPairs" or "/sapi/v1/margin/isolated/allPairs") => Signed(request, 1, (_, _) => Json(w => { w.WriteStartArray(); w.WriteEndArray(); })),

            // Spot only: the futures exchanges list no symbols, so clients that load every market still start.
            ("GET", "/fapi/v1/exchangeInfo" or "/dapi/v1/exchangeInfo") => Public(request, 1, NoSymbols),
            _ => NotFound(),
        };
    }

    public override SimResponse TooManyRequests(int retryAfterSeconds) => TooManyRequests(retryAfterSeconds, WeightRule);

    private SimResponse TooManyRequests(int retryAfterSeconds, RateLimitRule rule) =>
        Error(429, -1003, $"Too much request weight used; current limit is {Limit(rule)} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.")
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse Banned(int retryAfterSeconds) =>
        Error(418, -1003, $"Way too much request weight used; IP banned until {Now.AddSeconds(retryAfterSeconds).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}. Please use WebSocket Streams for live updates to avoid bans.")
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, -1001, "Internal error; unable to process your request. Please try again.");

    public override SimResponse Maintenance() => Error(503, -1016, "This service is no longer available.");

    public override SimResponse RestrictedLocation() =>
        Error(451, 0, "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error.");

    private SimResponse Public(SimRequest request, int weight, Func<SimRequest, SimResponse> answer)
    {
        var pool = Pool.Of(request.Path);
        return Weighed(request, weight, pool) ?? answer(request).WithHeader(pool.Header, UsedWeight(request, pool));
    }

    private SimResponse Signed(SimRequest request, int weight, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var pool = Pool.Of(request.Path);
        if (Weighed(request, weight, pool) is { } refused)
        {
            return refused;
        }

        var used = UsedWeight(request, pool);
        var outcome = Authenticate(request, out var account);
        return (outcome ?? answer(request, account!)).WithHeader(pool.Header, used);
    }

    /// <summary>As <see cref="Signed"/> on fapi or dapi: the key also needs the futures right, and the account that
    /// futures wallet; Binance answers <c>-2015</c> alike when either is missing.</summary>
    private SimResponse Futures(SimRequest request, int weight, string wallet, Func<SimRequest, SimAccount, SimResponse> answer) =>
        Signed(request, weight, (r, account) =>
            account.Can("futures") && account.Config.Balances.Any(b => b.Wallet == wallet) ? answer(r, account) : Error(401, -2015, RejectedKey));

    /// <summary>
    /// Counts the weight in the request's pool; answers 429, or 418 once the address keeps going after its 429s on
    /// <c>/api</c>, fapi or dapi. Each SAPI endpoint has its own 12,000 per minute, and SAPI answers 429 only, never the
    /// 418 ban (Binance, "Rate limits": https://developers.binance.com/zh-CN/docs/products/caas/basics/4.rate-limits).
    /// </summary>
    private SimResponse? Weighed(SimRequest request, int weight, Pool pool)
    {
        var now = Runtime.Time.GetUtcNow();
        var banKey = pool.BansApart ? pool.Rule.Name + "|" + request.ClientIp : request.ClientIp;
        if (_bans.TryGetValue(banKey, out var ban) && ban.Until > now)
        {
            return Banned(Math.Max(1, (int)Math.Ceiling((ban.Until - now).TotalSeconds)));
        }

        var decision = Count(pool.Rule, request, null, pool.Endpoint(request), weight);
        if (decision.Allowed)
        {
            return null;
        }

        if (!pool.Bans)
        {
            return TooManyRequests(RetryAfter(decision), pool.Rule);
        }

        var settings = Runtime.Config.RateLimits;
        if (Runtime.Limiter.Refusals(pool.Rule, request.ClientIp, "") > settings.BinanceBanAfter429s)
        {
            var strikes = ban?.Strikes + 1 ?? 0;
            var length = TimeSpan.FromSeconds(Math.Min(settings.BinanceBanSeconds * Math.Pow(2, strikes), TimeSpan.FromDays(3).TotalSeconds));
            _bans[banKey] = new Ban(now + length, strikes);
            return Banned((int)Math.Ceiling(length.TotalSeconds));
        }

        return TooManyRequests(RetryAfter(decision), pool.Rule);
    }

    private string UsedWeight(SimRequest request, Pool pool) =>
        Runtime.Limiter.Hit(pool.Rule, request.ClientIp, pool.Endpoint(request), 0).Used.ToString(CultureInfo.InvariantCulture);

    private int Limit(RateLimitRule rule) =>
        Runtime.Config.RateLimits.Limits.TryGetValue(rule.Name, out var limit) ? limit : rule.Limit;

    private SimResponse? Authenticate(SimRequest request, out SimAccount? account)
    {
        account = null;
        var apiKey = request.Header("X-MBX-APIKEY");
        if (string.IsNullOrEmpty(apiKey) || !apiKey.All(char.IsAsciiLetterOrDigit))
        {
            return Error(401, -2014, "API-key format invalid.");
        }

        var isForm = request.Body.Length > 0;
        var body = isForm ? FormEncoding.Text(request.Body) : "";
        var (query, querySignature) = WithoutSignature(request.RawQuery);
        var (form, formSignature) = WithoutSignature(body);
        var signature = querySignature ?? formSignature;
        var parameters = FormEncoding.Parse(query);
        foreach (var (name, value) in FormEncoding.Pairs(form))
        {
            parameters[name] = value;
        }

        if (!parameters.TryGetValue("timestamp", out var timestampText) || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return Error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }

        if (string.IsNullOrEmpty(signature))
        {
            return Error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }

        var recvWindow = 5000m;
        if (parameters.TryGetValue("recvWindow", out var windowText)
            && (!decimal.TryParse(windowText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out recvWindow) || recvWindow > 60000m || recvWindow <= 0))
        {
            return Error(400, -1131, "recvWindow must be less than 60000");
        }

        account = Runtime.Accounts.Find(Exchange, apiKey);
        if (account is null || account.Site != Site || account.IsDemo || !IsLive(account))
        {
            return Error(401, -2015, RejectedKey);
        }

        // Microsecond timestamps are accepted as well as milliseconds.
        var timestampMs = timestamp > 100_000_000_000_000 ? timestamp / 1000m : timestamp;
        var serverMs = Now.ToUnixTimeMilliseconds();
        if (timestampMs >= serverMs + 1000)
        {
            return Error(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }

        if (serverMs - timestampMs > recvWindow)
        {
            return Error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }

        if (!(IsAsymmetric(account) ? AsymmetricMatches(account, query + form, signature) : Signatures.HexMatches(HashAlgorithmName.SHA256, account.SecretKey, query + form, signature)))
        {
            return Error(400, -1022, "Signature for this request is not valid.");
        }

        return account.AllowsAddress(request.ClientIp) && account.Can("read") ? null : Error(401, -2015, RejectedKey);
    }

    /// <summary>A self-generated key: the account is configured with its PKCS#8 private key, of which the site keeps only
    /// the public half, as Binance does when the key is registered ("API Key Types":
    /// https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types).</summary>
    private static bool IsAsymmetric(SimAccount account) => account.Config.Secret.Contains("PRIVATE KEY", StringComparison.Ordinal);

    /// <summary>
    /// The signature of a self-generated key: base64, percent-encoded in the query, of Ed25519 or of RSASSA-PKCS1-v1_5 with
    /// SHA-256 over the payload as sent, checked with the registered public key (REST API, "SIGNED Endpoint Examples": RSA
    /// Keys, Ed25519 Keys; signatures of both are case-sensitive).
    /// </summary>
    private bool AsymmetricMatches(SimAccount account, string payload, string signature)
    {
        if (RegisteredKey(account) is not { } key)
        {
            return false;
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(Uri.UnescapeDataString(signature));
        }
        catch (FormatException)
        {
            return false;
        }

        var data = System.Text.Encoding.UTF8.GetBytes(payload);
        return key.Ed25519 is { } ed25519
            ? NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(ed25519, data, raw)
            : key.Rsa!.VerifyData(data, raw, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private PublicKeyOf? RegisteredKey(SimAccount account) => _registered.GetOrAdd(account.ApiKey, apiKey =>
    {
        try
        {
            var pem = account.Config.Secret.Replace("\\n", "\n", StringComparison.Ordinal);
            var fields = PemEncoding.Find(pem);
            var der = Convert.FromBase64String(pem[fields.Base64Data]);
            if (der.AsSpan().IndexOf(Ed25519Oid) >= 0)
            {
                using var privateKey = NSec.Cryptography.Key.Import(NSec.Cryptography.SignatureAlgorithm.Ed25519, der, NSec.Cryptography.KeyBlobFormat.PkixPrivateKey);
                return new PublicKeyOf(privateKey.PublicKey, null);
            }

            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(der, out _);
            var publicKey = RSA.Create();
            publicKey.ImportSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), out _);
            return new PublicKeyOf(null, publicKey);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    });

    /// <summary>The DER of the Ed25519 algorithm identifier's OID, 1.3.101.112.</summary>
    private static ReadOnlySpan<byte> Ed25519Oid => [0x06, 0x03, 0x2B, 0x65, 0x70];

    private sealed record PublicKeyOf(NSec.Cryptography.PublicKey? Ed25519, RSA? Rsa);

    /// <summary>Splits off the <c>signature</c> parameter: the signed payload is everything else, as sent.</summary>
    private static (string Remainder, string? Signature) WithoutSignature(string text)
    {
        if (text.Length == 0)
        {
            return (text, null);
        }

        var parts = text.Split('&');
        var index = Array.FindIndex(parts, p => p.StartsWith("signature=", StringComparison.Ordinal));
        if (index < 0)
        {
            return (text, null);
        }

        var signature = parts[index]["signature=".Length..];
        return (string.Join('&', parts.Where((_, i) => i != index)), signature);
    }

    private SimResponse Account(SimRequest request, SimAccount account)
    {
        var omitZero = request.Query.TryGetValue("omitZeroBalances", out var omit) && omit == "true";
        var balances = account.Config.Balances.Where(b => b.Wallet == "spot" && (!omitZero || b.Free + b.Locked != 0));
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("makerCommission", 10);
            w.WriteNumber("takerCommission", 10);
            w.WriteNumber("buyerCommission", 0);
            w.WriteNumber("sellerCommission", 0);
            w.WriteStartObject("commissionRates");
            w.WriteString("maker", "0.00100000");
            w.WriteString("taker", "0.00100000");
            w.WriteString("buyer", "0.00000000");
            w.WriteString("seller", "0.00000000");
            w.WriteEndObject();
            w.WriteBoolean("canTrade", account.Can("spot"));
            w.WriteBoolean("canWithdraw", account.Can("withdraw"));
            w.WriteBoolean("canDeposit", true);
            w.WriteBoolean("brokered", false);
            w.WriteBoolean("requireSelfTradePrevention", false);
            w.WriteBoolean("preventSor", false);
            w.WriteNumber("updateTime", (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds());
            w.WriteString("accountType", "SPOT");
            w.WriteStartArray("balances");
            foreach (var balance in balances)
            {
                w.WriteStartObject();
                w.WriteString("asset", balance.Asset);
                w.WriteString("free", MarketBook.Fixed(balance.Free, 8));
                w.WriteString("locked", MarketBook.Fixed(balance.Locked, 8));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("permissions");
            w.WriteStringValue("SPOT");
            w.WriteEndArray();
            w.WriteNumber("uid", long.Parse(account.Uid, CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }

    private SimResponse ApiRestrictions(SimRequest request, SimAccount account)
    {
        var config = account.Config;
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ipRestrict", config.IpWhitelist.Count > 0);
            w.WriteNumber("createTime", (config.CreatedAt ?? Now).ToUnixTimeMilliseconds());
            w.WriteBoolean("enableReading", account.Can("read"));
            w.WriteBoolean("enableWithdrawals", account.Can("withdraw"));
            w.WriteBoolean("enableInternalTransfer", account.Can("transfer"));
            w.WriteBoolean("enableMargin", account.Can("margin"));
            w.WriteBoolean("enableFutures", account.Can("futures"));
            w.WriteBoolean("permitsUniversalTransfer", account.Can("transfer"));
            w.WriteBoolean("enableVanillaOptions", false);
            w.WriteBoolean("enableFixApiTrade", false);
            w.WriteBoolean("enableFixReadOnly", account.Can("read"));
            w.WriteBoolean("enableSpotAndMarginTrading", account.Can("spot"));
            w.WriteBoolean("enablePortfolioMarginTrading", false);
            if (config.TradingAuthorityExpirationTime is { } expiry)
            {
                w.WriteNumber("tradingAuthorityExpirationTime", expiry.ToUnixTimeMilliseconds());
            }

            w.WriteEndObject();
        });
    }

    private SimResponse FundingAssets(SimRequest request, SimAccount account)
    {
        var asset = FormEncoding.Parse(FormEncoding.Text(request.Body)).GetValueOrDefault("asset") ?? request.Query.GetValueOrDefault("asset");
        var balances = account.Config.Balances.Where(b => b.Wallet == "funding" && (asset is null || b.Asset == asset));
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var balance in balances)
            {
                w.WriteStartObject();
                w.WriteString("asset", balance.Asset);
                w.WriteString("free", MarketBook.Format(balance.Free));
                w.WriteString("locked", MarketBook.Format(balance.Locked));
                w.WriteString("freeze", "0");
                w.WriteString("withdrawing", "0");
                w.WriteString("btcValuation", "0");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// Simple Earn positions, page by page (<c>current</c> from 1, <c>size</c> 10 by default, at most 100): flexible
    /// <c>{rows[] {asset, totalAmount, …}, total}</c>, locked <c>{rows[] {positionId, asset, amount, …}, total}</c>, each
    /// configured balance one position (free + locked).
    /// </summary>
    private SimResponse EarnPositions(SimRequest request, SimAccount account, bool locked)
    {
        if (Page(request, out var current, out var size) is { } invalid)
        {
            return invalid;
        }

        var asset = request.Query.GetValueOrDefault("asset");
        var positions = account.Config.Balances
            .Select((balance, index) => (Balance: balance, Id: 100_000 + index))
            .Where(p => p.Balance.Wallet == (locked ? EarnLocked : EarnFlexible) && (asset is null || p.Balance.Asset == asset))
            .ToList();
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("rows");
            foreach (var (balance, id) in positions.Skip((current - 1) * size).Take(size))
            {
                var amount = MarketBook.Fixed(balance.Free + balance.Locked, 8);
                w.WriteStartObject();
                if (locked)
                {
                    w.WriteNumber("positionId", id);
                    w.WriteNumber("parentPositionId", id - 1);
                    w.WriteString("projectId", balance.Asset + "*90");
                    w.WriteString("asset", balance.Asset);
                    w.WriteString("amount", amount);
                    w.WriteString("purchaseTime", (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                    w.WriteString("duration", "90");
                    w.WriteString("accrualDays", "4");
                    w.WriteString("rewardAsset", balance.Asset);
                    w.WriteString("APY", "0.0520");
                    w.WriteString("rewardAmt", "0");
                    w.WriteString("nextPay", "0");
                    w.WriteString("payPeriod", "1");
                    w.WriteString("redeemingAmt", "0");
                    w.WriteString("redeemTo", "SPOT");
                    w.WriteBoolean("canRedeemEarly", true);
                    w.WriteBoolean("autoSubscribe", false);
                    w.WriteString("type", "NORMAL");
                    w.WriteString("status", "HOLDING");
                }
                else
                {
                    w.WriteString("totalAmount", amount);
                    w.WriteString("latestAnnualPercentageRate", "0.02599895");
                    w.WriteString("yesterdayAirdropPercentageRate", "0");
                    w.WriteString("asset", balance.Asset);
                    w.WriteBoolean("canRedeem", true);
                    w.WriteString("collateralAmount", "0");
                    w.WriteString("productId", balance.Asset + "001");
                    w.WriteString("yesterdayRealTimeRewards", "0");
                    w.WriteString("cumulativeBonusRewards", "0");
                    w.WriteString("cumulativeRealTimeRewards", "0");
                    w.WriteString("cumulativeTotalRewards", "0");
                    w.WriteBoolean("autoSubscribe", true);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("total", positions.Count);
            w.WriteEndObject();
        });
    }

    /// <summary>Binance's paging parameters: <c>current</c> from 1 (default 1), <c>size</c> 1–100 (default 10).</summary>
    private static SimResponse? Page(SimRequest request, out int current, out int size)
    {
        current = 1;
        size = 10;
        if (request.Query.TryGetValue("current", out var currentText)
            && (!int.TryParse(currentText, NumberStyles.None, CultureInfo.InvariantCulture, out current) || current < 1))
        {
            return Error(400, -1130, "Data sent for parameter 'current' is not valid.");
        }

        if (request.Query.TryGetValue("size", out var sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > 100))
        {
            return Error(400, -1130, "Data sent for parameter 'size' is not valid.");
        }

        return null;
    }

    /// <summary>
    /// The sub-account endpoints are "For Master Account": a sub-account's own key is refused with the general
    /// "not authorized" code, <c>-1002</c> (Binance, "Error Codes": https://developers.binance.com/docs/binance-spot-api-docs/errors;
    /// the endpoint pages do not say which code a sub-account's key gets).
    /// </summary>
    private static SimResponse Master(SimAccount account, Func<SimResponse> answer) =>
        account.Config.IsSubAccountKey ? Error(401, -1002, "You are not authorized to execute this request.") : answer();

    /// <summary>
    /// "Query Sub-account List (For Master Account)": <c>subAccounts[] {subUserId, email, remark, isFreeze, createTime,
    /// isManagedSubAccount, isAssetManagementSubAccount}</c>, filtered by <c>email</c> and <c>isFreeze</c>, <c>page</c> from 1
    /// and <c>limit</c> 1 by default, at most 200 (https://developers.binance.com/docs/sub_account/account-management/Query-Sub-account-List).
    /// </summary>
    private SimResponse SubAccountList(SimRequest request, SimAccount account)
    {
        var page = 1;
        var limit = 1;
        if (request.Query.TryGetValue("page", out var pageText) && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return Error(400, -1130, "Data sent for parameter 'page' is not valid.");
        }

        if (request.Query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 200))
        {
            return Error(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }

        var email = request.Query.GetValueOrDefault("email");
        var frozen = request.Query.GetValueOrDefault("isFreeze");
        var subs = account.Config.SubAccounts
            .Where(s => (email is null || string.Equals(s.Name, email, StringComparison.OrdinalIgnoreCase))
                && (frozen is null || string.Equals(frozen, s.Frozen ? "true" : "false", StringComparison.OrdinalIgnoreCase)))
            .Skip((page - 1) * limit)
            .Take(limit);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("subAccounts");
            foreach (var sub in subs)
            {
                w.WriteStartObject();
                w.WriteNumber("subUserId", long.Parse(sub.Uid!, CultureInfo.InvariantCulture));
                w.WriteString("email", sub.Name);
                w.WriteString("remark", sub.Label ?? "");
                w.WriteBoolean("isFreeze", sub.Frozen);
                w.WriteNumber("createTime", (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds());
                w.WriteBoolean("isManagedSubAccount", false);
                w.WriteBoolean("isAssetManagementSubAccount", false);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// "Query Sub-account Assets (For Master Account)", <c>GET /sapi/v3/sub-account/assets?email=</c>, weight 60:
    /// <c>balances[] {asset, free, locked, freeze, withdrawing}</c> of the sub-account's spot wallet, as JSON numbers in
    /// the v3 example (https://developers.binance.com/docs/sub_account/asset-management/Query-Sub-account-Assets-V3). An
    /// e-mail that is not one of this master's sub-accounts is refused as not authorized.
    /// </summary>
    private static SimResponse SubAccountAssets(SimRequest request, SimAccount account)
    {
        if (request.Query.GetValueOrDefault("email") is not { Length: > 0 } email)
        {
            return Error(400, -1102, "Mandatory parameter 'email' was not sent, was empty/null, or malformed.");
        }

        if (account.Config.SubAccounts.FirstOrDefault(s => string.Equals(s.Name, email, StringComparison.OrdinalIgnoreCase)) is not { } sub)
        {
            return Error(401, -1002, "You are not authorized to execute this request.");
        }

        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("balances");
            foreach (var balance in sub.Balances.Where(b => b.Wallet == "spot"))
            {
                w.WriteStartObject();
                w.WriteNumber("freeze", 0);
                w.WriteNumber("withdrawing", 0);
                w.WriteString("asset", balance.Asset);
                w.WriteNumber("free", balance.Free);
                w.WriteNumber("locked", balance.Locked);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The sub-account the <c>email</c> parameter names, or the answer refusing it: a missing e-mail is a
    /// parameter error (<c>-1102</c>), one that is not this master's sub-account is not authorized (<c>-1002</c>).</summary>
    private static (SimulatorSubAccount? Sub, SimResponse? Refusal) NamedSubAccount(SimRequest request, SimAccount account)
    {
        if (request.Query.GetValueOrDefault("email") is not { Length: > 0 } email)
        {
            return (null, Error(400, -1102, "Mandatory parameter 'email' was not sent, was empty/null, or malformed."));
        }

        return account.Config.SubAccounts.FirstOrDefault(s => string.Equals(s.Name, email, StringComparison.OrdinalIgnoreCase)) is { } sub
            ? (sub, null)
            : (null, Error(401, -1002, "You are not authorized to execute this request."));
    }

    /// <summary>
    /// "Get Sub-account's Status on Margin Or Futures (For Master Account)", <c>GET /sapi/v1/sub-account/status</c>, weight
    /// 10: <c>[{email, isSubUserEnabled, isUserActive, insertTime, isMarginEnabled, isFutureEnabled, mobile}]</c>, every
    /// sub-account without <c>email</c> (https://developers.binance.com/docs/sub_account/account-management/Get-Sub-accounts-Status-on-Margin-Or-Futures).
    /// </summary>
    private SimResponse SubAccountStatus(SimRequest request, SimAccount account)
    {
        var subs = account.Config.SubAccounts.ToList();
        if (request.Query.ContainsKey("email"))
        {
            var (sub, refusal) = NamedSubAccount(request, account);
            if (refusal is not null)
            {
                return refusal;
            }

            subs = [sub!];
        }

        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var sub in subs)
            {
                w.WriteStartObject();
                w.WriteString("email", sub.Name);
                w.WriteBoolean("isSubUserEnabled", !sub.Frozen);
                w.WriteBoolean("isUserActive", true);
                w.WriteNumber("insertTime", (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds());
                w.WriteBoolean("isMarginEnabled", sub.MarginOpened(CrossMargin));
                w.WriteBoolean("isFutureEnabled", sub.FuturesOpened(UsdsFutures, CoinFutures));
                w.WriteNumber("mobile", 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// "Get Detail on Sub-account's Futures Account V2 (For Master Account)", <c>GET /sapi/v2/sub-account/futures/account
    /// ?email=&amp;futuresType=1|2</c>, weight 1: USDⓈ-M under <c>futureAccountResp</c>, COIN-M under
    /// <c>deliveryAccountResp</c>, each <c>{email, assets[] {asset, initialMargin, maintenanceMargin, marginBalance,
    /// maxWithdrawAmount, openOrderInitialMargin, positionInitialMargin, unrealizedProfit, walletBalance}, canDeposit,
    /// canTrade, canWithdraw, feeTier, updateTime}</c>, USDⓈ-M with the totals as well
    /// (https://developers.binance.com/docs/sub_account/asset-management/Get-Detail-on-Sub-accounts-Futures-Account-V2).
    /// Binance's page does not say what a sub-account without futures gets; the simulator refuses it as not authorized.
    /// </summary>
    private SimResponse SubAccountFutures(SimRequest request, SimAccount account) => OpenedSubAccount(request, account, s => s.FuturesOpened(UsdsFutures, CoinFutures), sub =>
    {
        var type = request.Query.GetValueOrDefault("futuresType");
        if (type is not ("1" or "2"))
        {
            return type is null
                ? Error(400, -1102, "Mandatory parameter 'futuresType' was not sent, was empty/null, or malformed.")
                : Error(400, -1130, "Data sent for parameter 'futuresType' is not valid.");
        }

        var wallet = type == "1" ? UsdsFutures : CoinFutures;
        var balances = sub.Balances.Where(b => b.Wallet == wallet).ToList();
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject(type == "1" ? "futureAccountResp" : "deliveryAccountResp");
            w.WriteString("email", sub.Name);
            w.WriteStartArray("assets");
            foreach (var balance in balances)
            {
                var walletBalance = balance.Free + balance.Locked;
                w.WriteStartObject();
                w.WriteString("asset", balance.Asset);
                w.WriteString("initialMargin", MarketBook.Fixed(balance.Locked, 8));
                w.WriteString("maintenanceMargin", "0.00000000");
                w.WriteString("marginBalance", MarketBook.Fixed(walletBalance + balance.UnrealisedPnl, 8));
                w.WriteString("maxWithdrawAmount", MarketBook.Fixed(balance.Free, 8));
                w.WriteString("openOrderInitialMargin", "0.00000000");
                w.WriteString("positionInitialMargin", MarketBook.Fixed(balance.Locked, 8));
                w.WriteString("unrealizedProfit", MarketBook.Fixed(balance.UnrealisedPnl, 8));
                w.WriteString("walletBalance", MarketBook.Fixed(walletBalance, 8));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("canDeposit", true);
            w.WriteBoolean("canTrade", true);
            w.WriteBoolean("canWithdraw", true);
            w.WriteNumber("feeTier", 0);
            if (type == "1")
            {
                var walletTotal = balances.Where(b => b.Asset == "USDT").Sum(b => b.Free + b.Locked);
                var unrealised = balances.Where(b => b.Asset == "USDT").Sum(b => b.UnrealisedPnl);
                w.WriteString("maxWithdrawAmount", MarketBook.Fixed(balances.Where(b => b.Asset == "USDT").Sum(b => b.Free), 8));
                w.WriteString("totalInitialMargin", "0.00000000");
                w.WriteString("totalMaintenanceMargin", "0.00000000");
                w.WriteString("totalMarginBalance", MarketBook.Fixed(walletTotal + unrealised, 8));
                w.WriteString("totalOpenOrderInitialMargin", "0.00000000");
                w.WriteString("totalPositionInitialMargin", "0.00000000");
                w.WriteString("totalUnrealizedProfit", MarketBook.Fixed(unrealised, 8));
                w.WriteString("totalWalletBalance", MarketBook.Fixed(walletTotal, 8));
            }

            w.WriteNumber("updateTime", (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds());
            w.WriteEndObject();
            w.WriteEndObject();
        });
    });

    /// <summary>
    /// "Get Detail on Sub-account's Margin Account (For Master Account)", <c>GET /sapi/v1/sub-account/margin/account?email=</c>,
    /// weight 10: <c>{email, marginLevel, totalAssetOfBtc, totalLiabilityOfBtc, totalNetAssetOfBtc, marginTradeCoeffVo,
    /// marginUserAssetVoList[] {asset, borrowed, free, interest, locked, netAsset}}</c>
    /// (https://developers.binance.com/docs/sub_account/asset-management/Get-Detail-on-Sub-accounts-Margin-Account). Binance's
    /// page does not say what a sub-account without margin gets; the simulator refuses it as not authorized.
    /// </summary>
    private SimResponse SubAccountMargin(SimRequest request, SimAccount account) => OpenedSubAccount(request, account, s => s.MarginOpened(CrossMargin), sub =>
    {
        var balances = sub.Balances.Where(b => b.Wallet == CrossMargin).ToList();
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("email", sub.Name);
            WriteMarginTotals(w, balances);
            w.WriteStartObject("marginTradeCoeffVo");
            w.WriteString("forceLiquidationBar", "1.10000000");
            w.WriteString("marginCallBar", "1.50000000");
            w.WriteString("normalBar", "2.00000000");
            w.WriteEndObject();
            WriteMarginAssets(w, "marginUserAssetVoList", balances);
            w.WriteEndObject();
        });
    });

    /// <summary>The answer about the sub-account <c>email</c> names, once it is known to be this master's and to have the
    /// wallet asked about opened; a wallet not opened is refused as not authorized.</summary>
    private static SimResponse OpenedSubAccount(SimRequest request, SimAccount account, Func<SimulatorSubAccount, bool> opened, Func<SimulatorSubAccount, SimResponse> answer)
    {
        var (sub, refusal) = NamedSubAccount(request, account);
        return refusal ?? (opened(sub!) ? answer(sub!) : Error(401, -1002, "You are not authorized to execute this request."));
    }

    /// <summary>A margin account's level and totals in BTC at the simulator's prices.</summary>
    private void WriteMarginTotals(Utf8JsonWriter w, IReadOnlyList<SimulatorBalance> balances)
    {
        var assets = balances.Sum(b => BtcValue(b.Asset, b.Free + b.Locked));
        var liabilities = balances.Sum(b => BtcValue(b.Asset, b.Borrowed + b.Interest));
        w.WriteString("marginLevel", MarketBook.Fixed(liabilities == 0 ? 999m : assets / liabilities, 8));
        w.WriteString("totalAssetOfBtc", MarketBook.Fixed(assets, 8));
        w.WriteString("totalLiabilityOfBtc", MarketBook.Fixed(liabilities, 8));
        w.WriteString("totalNetAssetOfBtc", MarketBook.Fixed(assets - liabilities, 8));
    }

    /// <summary>
    /// Cross margin: <c>created: false</c> and no assets until the account holds a cross-margin balance; otherwise every
    /// asset with free, locked, borrowed, interest and <c>netAsset</c> = free + locked − borrowed − interest, and the
    /// totals in BTC at the simulator's prices.
    /// </summary>
    private SimResponse CrossMarginAccount(SimRequest request, SimAccount account)
    {
        var balances = account.Config.Balances.Where(b => b.Wallet == CrossMargin).ToList();
        var created = balances.Count > 0;
        var assets = balances.Sum(b => BtcValue(b.Asset, b.Free + b.Locked));
        var liabilities = balances.Sum(b => BtcValue(b.Asset, b.Borrowed + b.Interest));
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("created", created);
            w.WriteBoolean("borrowEnabled", created);
            WriteMarginTotals(w, balances);
            w.WriteString("collateralMarginLevel", MarketBook.Fixed(liabilities == 0 ? 999m : assets / liabilities, 8));
            w.WriteString("TotalCollateralValueInUSDT", MarketBook.Fixed(balances.Sum(b => UsdtValue(b.Asset, b.Free + b.Locked)), 8));
            w.WriteString("totalOpenOrderLossInUSDT", "0.00000000");
            w.WriteBoolean("tradeEnabled", created);
            w.WriteBoolean("transferInEnabled", true);
            w.WriteBoolean("transferOutEnabled", true);
            w.WriteString("accountType", "MARGIN_1");
            WriteMarginAssets(w, "userAssets", balances);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Isolated margin: one entry per pair that holds an isolated-margin balance (its <c>symbol</c>, or the asset against
    /// USDT), base and quote side each with its own net asset; <c>symbols</c> (at most 5) narrows the answer.
    /// </summary>
    private SimResponse IsolatedMarginAccount(SimRequest request, SimAccount account)
    {
        var wanted = request.Query.TryGetValue("symbols", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : null;
        if (wanted is { Length: > 5 })
        {
            return Error(400, -1130, "Data sent for parameter 'symbols' is not valid.");
        }

        var pairs = account.Config.Balances
            .Where(b => b.Wallet == IsolatedMargin)
            .GroupBy(b => b.Symbol ?? b.Asset + "USDT", StringComparer.Ordinal)
            .Where(g => wanted is null || wanted.Contains(g.Key, StringComparer.Ordinal))
            .ToList();
        var assets = 0m;
        var liabilities = 0m;
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("assets");
            foreach (var pair in pairs)
            {
                var (baseAsset, quoteAsset) = SplitPair(pair.Key, pair);
                w.WriteStartObject();
                foreach (var (side, asset) in new[] { ("baseAsset", baseAsset), ("quoteAsset", quoteAsset) })
                {
                    var balance = pair.FirstOrDefault(b => b.Asset == asset) ?? new SimulatorBalance { Wallet = IsolatedMargin, Asset = asset };
                    assets += BtcValue(asset, balance.Free + balance.Locked);
                    liabilities += BtcValue(asset, balance.Borrowed + balance.Interest);
                    w.WriteStartObject(side);
                    WriteMarginAsset(w, asset, balance);
                    w.WriteBoolean("borrowEnabled", true);
                    w.WriteString("netAssetOfBtc", MarketBook.Fixed(BtcValue(asset, balance.Free + balance.Locked - balance.Borrowed - balance.Interest), 8));
                    w.WriteBoolean("repayEnabled", true);
                    w.WriteString("totalAsset", MarketBook.Fixed(balance.Free + balance.Locked, 8));
                    w.WriteEndObject();
                }

                w.WriteString("symbol", pair.Key);
                w.WriteBoolean("isolatedCreated", true);
                w.WriteBoolean("enabled", true);
                w.WriteString("marginLevel", "999.00000000");
                w.WriteString("marginLevelStatus", "EXCESSIVE");
                w.WriteString("marginRatio", "5.00000000");
                w.WriteString("indexPrice", MarketBook.Fixed(UsdtValue(baseAsset, 1m), 8));
                w.WriteString("liquidatePrice", "0.00000000");
                w.WriteString("liquidateRate", "0.00000000");
                w.WriteBoolean("tradeEnabled", true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("totalAssetOfBtc", MarketBook.Fixed(assets, 8));
            w.WriteString("totalLiabilityOfBtc", MarketBook.Fixed(liabilities, 8));
            w.WriteString("totalNetAssetOfBtc", MarketBook.Fixed(assets - liabilities, 8));
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// A futures account: per asset its wallet balance (free + locked), unrealised profit, margin balance = wallet +
    /// unrealised, and what is available; fapi v3 without the account flags, v2 and dapi with them. The top-level totals
    /// count USDT only, as in single-asset mode.
    /// </summary>
    private SimResponse FuturesAccount(SimAccount account, string wallet, int version)
    {
        var balances = account.Config.Balances.Where(b => b.Wallet == wallet).ToList();
        var updated = (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds();
        return Json(w =>
        {
            w.WriteStartObject();
            if (version != 3)
            {
                w.WriteNumber("feeTier", 0);
                w.WriteBoolean("canTrade", account.Can("futures"));
                w.WriteBoolean("canDeposit", true);
                w.WriteBoolean("canWithdraw", true);
                w.WriteNumber("updateTime", 0);
            }

            if (wallet == UsdsFutures)
            {
                var usdt = balances.Where(b => b.Asset == "USDT").ToList();
                var walletBalance = usdt.Sum(b => b.Free + b.Locked);
                var unrealised = usdt.Sum(b => b.UnrealisedPnl);
                if (version == 2)
                {
                    w.WriteBoolean("multiAssetsMargin", false);
                    w.WriteNumber("tradeGroupId", -1);
                }

                w.WriteString("totalInitialMargin", "0.00000000");
                w.WriteString("totalMaintMargin", "0.00000000");
                w.WriteString("totalWalletBalance", MarketBook.Fixed(walletBalance, 8));
                w.WriteString("totalUnrealizedProfit", MarketBook.Fixed(unrealised, 8));
                w.WriteString("totalMarginBalance", MarketBook.Fixed(walletBalance + unrealised, 8));
                w.WriteString("totalPositionInitialMargin", "0.00000000");
                w.WriteString("totalOpenOrderInitialMargin", "0.00000000");
                w.WriteString("totalCrossWalletBalance", MarketBook.Fixed(walletBalance, 8));
                w.WriteString("totalCrossUnPnl", MarketBook.Fixed(unrealised, 8));
                w.WriteString("availableBalance", MarketBook.Fixed(usdt.Sum(b => b.Free), 8));
                w.WriteString("maxWithdrawAmount", MarketBook.Fixed(usdt.Sum(b => b.Free), 8));
            }

            w.WriteStartArray("assets");
            foreach (var balance in balances)
            {
                var walletBalance = balance.Free + balance.Locked;
                w.WriteStartObject();
                w.WriteString("asset", balance.Asset);
                w.WriteString("walletBalance", MarketBook.Fixed(walletBalance, 8));
                w.WriteString("unrealizedProfit", MarketBook.Fixed(balance.UnrealisedPnl, 8));
                w.WriteString("marginBalance", MarketBook.Fixed(walletBalance + balance.UnrealisedPnl, 8));
                w.WriteString("maintMargin", "0.00000000");
                w.WriteString("initialMargin", MarketBook.Fixed(balance.Locked, 8));
                w.WriteString("positionInitialMargin", MarketBook.Fixed(balance.Locked, 8));
                w.WriteString("openOrderInitialMargin", "0.00000000");
                w.WriteString("crossWalletBalance", MarketBook.Fixed(walletBalance, 8));
                w.WriteString("crossUnPnl", MarketBook.Fixed(balance.UnrealisedPnl, 8));
                w.WriteString("availableBalance", MarketBook.Fixed(balance.Free, 8));
                w.WriteString("maxWithdrawAmount", MarketBook.Fixed(balance.Free, 8));
                if (wallet == UsdsFutures)
                {
                    w.WriteBoolean("marginAvailable", true);
                }

                w.WriteNumber("updateTime", updated);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("positions");
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>A futures wallet's balances: fapi <c>[{accountAlias, asset, balance, crossWalletBalance, crossUnPnl,
    /// availableBalance, maxWithdrawAmount, marginAvailable, updateTime}]</c>, dapi with <c>withdrawAvailable</c>.</summary>
    private SimResponse FuturesBalances(SimAccount account, string wallet)
    {
        var balances = account.Config.Balances.Where(b => b.Wallet == wallet).ToList();
        var updated = (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds();
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var balance in balances)
            {
                w.WriteStartObject();
                w.WriteString("accountAlias", "SgsR");
                w.WriteString("asset", balance.Asset);
                w.WriteString("balance", MarketBook.Fixed(balance.Free + balance.Locked, 8));
                if (wallet == CoinFutures)
                {
                    w.WriteString("withdrawAvailable", MarketBook.Fixed(balance.Free, 8));
                }

                w.WriteString("crossWalletBalance", MarketBook.Fixed(balance.Free + balance.Locked, 8));
                w.WriteString("crossUnPnl", MarketBook.Fixed(balance.UnrealisedPnl, 8));
                w.WriteString("availableBalance", MarketBook.Fixed(balance.Free, 8));
                if (wallet == UsdsFutures)
                {
                    w.WriteString("maxWithdrawAmount", MarketBook.Fixed(balance.Free, 8));
                    w.WriteBoolean("marginAvailable", true);
                }

                w.WriteNumber("updateTime", updated);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// The wallet summary, in the docs' order and names: <c>activate</c> is whether the account opened the wallet (spot,
    /// funding, earn, bots and copy trading always; margin and futures when they hold a balance; options never), and
    /// <c>balance</c> its value in <c>quoteAsset</c> (BTC by default; USDT and the priced assets accepted).
    /// </summary>
    private SimResponse WalletSummary(SimRequest request, SimAccount account)
    {
        var quote = request.Query.GetValueOrDefault("quoteAsset") ?? "BTC";
        if (quote != "BTC" && quote != "USDT" && Runtime.Markets.UsdtPairs.All(p => p.Base != quote))
        {
            return Error(400, -1130, "Data sent for parameter 'quoteAsset' is not valid.");
        }

        var balances = account.Config.Balances;
        decimal Value(params string[] wallets)
        {
            var usdt = balances.Where(b => wallets.Contains(b.Wallet)).Sum(b => UsdtValue(b.Asset, b.Net));
            var price = quote == "USDT" ? 1m : UsdtValue(quote, 1m);
            // Without trailing zeros, as the docs' example writes it ("0.71842752", "0").
            return price > 0 ? Math.Round(usdt / price, 8) / 1.000000000000000000000000000000000m : 0m;
        }

        bool Has(string wallet) => balances.Any(b => b.Wallet == wallet);
        var wallets = new (string Name, bool Active, decimal Balance)[]
        {
            ("Spot", true, Value("spot")),
            ("Funding", true, Value("funding")),
            ("Cross Margin", Has(CrossMargin), Value(CrossMargin)),
            ("Isolated Margin", Has(IsolatedMargin), Value(IsolatedMargin)),
            ("USDⓈ-M Futures", Has(UsdsFutures), Value(UsdsFutures)),
            ("COIN-M Futures", Has(CoinFutures), Value(CoinFutures)),
            ("Earn", true, Value(EarnFlexible, EarnLocked)),
            ("Options", false, 0m),
            ("Trading Bots", true, 0m),
            ("Copy Trading", true, 0m),
        };
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var (name, active, balance) in wallets)
            {
                w.WriteStartObject();
                w.WriteBoolean("activate", active);
                w.WriteString("balance", MarketBook.Format(balance));
                w.WriteString("walletName", name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>A pair's base and quote: the configured assets the symbol starts and ends with, else USDT as quote.</summary>
    private static (string Base, string Quote) SplitPair(string symbol, IEnumerable<SimulatorBalance> balances)
    {
        foreach (var balance in balances)
        {
            if (symbol.Length > balance.Asset.Length && symbol.StartsWith(balance.Asset, StringComparison.Ordinal))
            {
                return (balance.Asset, symbol[balance.Asset.Length..]);
            }

            if (symbol.Length > balance.Asset.Length && symbol.EndsWith(balance.Asset, StringComparison.Ordinal))
            {
                return (symbol[..^balance.Asset.Length], balance.Asset);
            }
        }

        return symbol.EndsWith("USDT", StringComparison.Ordinal) ? (symbol[..^4], "USDT") : (symbol, "USDT");
    }

    /// <summary>A margin account's assets, each with its net asset, under the name the endpoint gives the list.</summary>
    private static void WriteMarginAssets(Utf8JsonWriter w, string name, IEnumerable<SimulatorBalance> balances)
    {
        w.WriteStartArray(name);
        foreach (var balance in balances)
        {
            w.WriteStartObject();
            WriteMarginAsset(w, balance.Asset, balance);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteMarginAsset(Utf8JsonWriter w, string asset, SimulatorBalance balance)
    {
        w.WriteString("asset", asset);
        w.WriteString("borrowed", MarketBook.Fixed(balance.Borrowed, 8));
        w.WriteString("free", MarketBook.Fixed(balance.Free, 8));
        w.WriteString("interest", MarketBook.Fixed(balance.Interest, 8));
        w.WriteString("locked", MarketBook.Fixed(balance.Locked, 8));
        w.WriteString("netAsset", MarketBook.Fixed(balance.Free + balance.Locked - balance.Borrowed - balance.Interest, 8));
    }

    private decimal UsdtValue(string asset, decimal amount) =>
        asset == "USDT" ? amount : amount * (Runtime.Markets.UsdtPairs.FirstOrDefault(p => p.Base == asset)?.Price ?? 0m);

    private decimal BtcValue(string asset, decimal amount) =>
        asset == "BTC" ? amount : Runtime.Markets.UsdtPairs.FirstOrDefault(p => p.Base == "BTC")?.Price is { } btc and > 0 ? Math.Round(UsdtValue(asset, amount) / btc, 8) : 0m;

    private SimResponse CapitalConfig(SimRequest request, SimAccount account) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var asset in Runtime.Markets.Assets)
        {
            w.WriteStartObject();
            w.WriteString("coin", asset);
            w.WriteString("name", asset);
            w.WriteBoolean("depositAllEnable", true);
            w.WriteBoolean("withdrawAllEnable", true);
            w.WriteBoolean("trading", true);
            w.WriteString("free", "0");
            w.WriteString("locked", "0");
            w.WriteStartArray("networkList");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private SimResponse TickerPrice(SimRequest request)
    {
        var pairs = Runtime.Markets.UsdtPairs;
        if (request.Query.TryGetValue("symbol", out var symbol))
        {
            var pair = pairs.FirstOrDefault(p => p.Base + p.Quote == symbol);
            return pair is null ? Error(400, -1121, "Invalid symbol.") : Json(w => WriteTicker(w, pair));
        }

        IEnumerable<Pair> selected = pairs;
        if (request.Query.TryGetValue("symbols", out var symbolsJson))
        {
            string[]? wanted;
            try
            {
                wanted = JsonSerializer.Deserialize<string[]>(symbolsJson);
            }
            catch (JsonException)
            {
                return Error(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
            }

            var set = new HashSet<string>(wanted ?? [], StringComparer.Ordinal);
            selected = pairs.Where(p => set.Contains(p.Base + p.Quote));
            if (selected.Count() != set.Count)
            {
                return Error(400, -1121, "Invalid symbol.");
            }
        }

        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var pair in selected)
            {
                WriteTicker(w, pair);
            }

            w.WriteEndArray();
        });
    }

    private static void WriteTicker(Utf8JsonWriter w, Pair pair)
    {
        w.WriteStartObject();
        w.WriteString("symbol", pair.Base + pair.Quote);
        w.WriteString("price", MarketBook.Fixed(pair.Price, 8));
        w.WriteEndObject();
    }

    private SimResponse ExchangeInfo(SimRequest request) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", Now.ToUnixTimeMilliseconds());
        w.WriteStartArray("rateLimits");
        w.WriteStartObject();
        w.WriteString("rateLimitType", "REQUEST_WEIGHT");
        w.WriteString("interval", "MINUTE");
        w.WriteNumber("intervalNum", 1);
        w.WriteNumber("limit", Limit(WeightRule));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            w.WriteStartObject();
            w.WriteString("symbol", pair.Base + pair.Quote);
            w.WriteString("status", "TRADING");
            w.WriteString("baseAsset", pair.Base);
            w.WriteNumber("baseAssetPrecision", 8);
            w.WriteString("quoteAsset", pair.Quote);
            w.WriteNumber("quotePrecision", 8);
            w.WriteNumber("quoteAssetPrecision", 8);
            w.WriteNumber("baseCommissionPrecision", 8);
            w.WriteNumber("quoteCommissionPrecision", 8);
            w.WriteStartArray("orderTypes");
            w.WriteStringValue("LIMIT");
            w.WriteStringValue("MARKET");
            w.WriteEndArray();
            w.WriteBoolean("icebergAllowed", true);
            w.WriteBoolean("ocoAllowed", true);
            w.WriteBoolean("quoteOrderQtyMarketAllowed", true);
            w.WriteBoolean("allowTrailingStop", true);
            w.WriteBoolean("cancelReplaceAllowed", true);
            w.WriteBoolean("isSpotTradingAllowed", true);
            w.WriteBoolean("isMarginTradingAllowed", false);
            w.WriteStartArray("filters");
            w.WriteStartObject();
            w.WriteString("filterType", "PRICE_FILTER");
            w.WriteString("minPrice", "0.01000000");
            w.WriteString("maxPrice", "1000000.00000000");
            w.WriteString("tickSize", "0.01000000");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("filterType", "LOT_SIZE");
            w.WriteString("minQty", "0.00001000");
            w.WriteString("maxQty", "9000.00000000");
            w.WriteString("stepSize", "0.00001000");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("permissions");
            w.WriteEndArray();
            w.WriteStartArray("permissionSets");
            w.WriteStartArray();
            w.WriteStringValue("SPOT");
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteString("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private SimResponse NoSymbols(SimRequest request) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", Now.ToUnixTimeMilliseconds());
        w.WriteStartArray("rateLimits");
        w.WriteEndArray();
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static SimResponse Json(Action<Utf8JsonWriter> write) => SimResponse.Write(200, write, SimResponse.JsonUtf8);

    private static SimResponse Error(int status, int code, string message) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        w.WriteEndObject();
    }, SimResponse.JsonUtf8);

    private sealed record Ban(DateTimeOffset Until, int Strikes);

    /// <summary>Where a path's weight is counted: <c>/api</c> in one pool, each <c>/sapi</c> endpoint in its own, fapi and
    /// dapi in theirs; which header reports it, and whether refusals grow into an IP ban.</summary>
    private sealed record Pool(RateLimitRule Rule, string Header, bool PerEndpoint, bool Bans, bool BansApart)
    {
        private static readonly Pool Api = new(WeightRule, WeightHeader, PerEndpoint: false, Bans: true, BansApart: false);
        private static readonly Pool Sapi = new(SapiWeightRule, SapiWeightHeader, PerEndpoint: true, Bans: false, BansApart: false);
        private static readonly Pool Fapi = new(FapiWeightRule, WeightHeader, PerEndpoint: false, Bans: true, BansApart: true);
        private static readonly Pool Dapi = new(DapiWeightRule, WeightHeader, PerEndpoint: false, Bans: true, BansApart: true);

        public static Pool Of(string path) =>
            path.StartsWith("/sapi/", StringComparison.Ordinal) ? Sapi
            : path.StartsWith("/fapi/", StringComparison.Ordinal) ? Fapi
            : path.StartsWith("/dapi/", StringComparison.Ordinal) ? Dapi
            : Api;

        public string Endpoint(SimRequest request) => PerEndpoint ? request.Path : "";
    }
}
