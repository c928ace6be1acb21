using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Htx;

/// <summary>
/// HTX (Huobi) spot: Signature V2 in the query (Base64 HMAC-SHA256 over method, the <c>Host</c> as received,
/// path and the sorted, re-encoded parameters), a 5-minute window, limits per uid per endpoint.
/// </summary>
internal sealed class HtxSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly RateLimitRule AccountsRule = new("htx.accounts", 100, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule AccountBalanceRule = new("htx.account-balance", 100, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule UserRule = new("htx.user", 20, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule PublicRule = new("htx.public", 100, TimeSpan.FromSeconds(1), RateScope.Ip);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "htx",
        DisplayName = "HTX",
        Wallets = ["spot", "margin", "otc", "point"],
        RateLimits = [AccountsRule, AccountBalanceRule, UserRule, PublicRule],
        CreateSite = (runtime, site) => new HtxSite(runtime, site),
    };

    private const string NotValid = "api-signature-not-valid";
    private const string BalancePrefix = "/v1/account/accounts/";

    public override string? PeekApiKey(SimRequest request) => request.Query.GetValueOrDefault("AccessKeyId");

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method != "GET")
        {
            return NotFound();
        }

        return request.Path switch
        {
            "/v1/common/timestamp" => Public(request, _ => V1Ok(w => w.WriteNumber("data", Now.ToUnixTimeMilliseconds()))),
            "/market/tickers" => Public(request, Tickers),
            "/v1/common/symbols" => Public(request, Symbols),
            "/v1/common/currencys" => Public(request, CurrencyList),
            "/v2/reference/currencies" => Public(request, ReferenceCurrencies),

            // Spot only: the derivatives markets list no contracts, so clients that load every market still start.
            "/linear-swap-api/v1/swap_contract_info" or "/api/v1/contract_contract_info" or "/swap-api/v1/swap_contract_info" =>
                Public(request, _ => V1Ok(w =>
                {
                    w.WriteStartArray("data");
                    w.WriteEndArray();
                    w.WriteNumber("ts", Now.ToUnixTimeMilliseconds());
                })),
            "/v1/account/accounts" => V1Private(request, AccountsRule, Accounts),
            "/v2/user/uid" => V2Private(request, (_, account) => V2Ok(w => w.WriteNumber("data", long.Parse(account.Uid, CultureInfo.InvariantCulture)), withMessage: false)),
            "/v2/user/api-key" => V2Private(request, ApiKeys),
            var path when path.StartsWith(BalancePrefix, StringComparison.Ordinal) && path.EndsWith("/balance", StringComparison.Ordinal) =>
                V1Private(request, AccountBalanceRule, Balance),
            _ => NotFound(),
        };
    }

    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        V1Error(429, "base-request-exceed-frequency-limit", "Frequency of requests has exceeded the limit, please try again later")
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => V1Error(500, "base-system-error", "System error");

    public override SimResponse Maintenance() => V1Error(503, "system-maintenance", "System is in maintenance");

    public override SimResponse RestrictedLocation() => V1Error(451, "forbidden-region", "Service is not available in your region");

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicRule, request, null, request.Path);
        return decision.Allowed ? answer(request) : TooManyRequests(RetryAfter(decision));
    }

    private SimResponse V1Private(SimRequest request, RateLimitRule rule, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var (failure, account) = Authenticate(request);
        if (failure is not null)
        {
            return V1Error(200, failure.Code, failure.Message);
        }

        return Limited(request, rule, account!, answer);
    }

    private SimResponse V2Private(SimRequest request, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var (failure, account) = Authenticate(request);
        if (failure is not null)
        {
            return failure.SignatureProblem ? V2Error(1003, "invalid signature") : V2Error(1002, "unauthorized");
        }

        return Limited(request, UserRule, account!, answer);
    }

    private SimResponse Limited(SimRequest request, RateLimitRule rule, SimAccount account, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var endpoint = rule == AccountBalanceRule ? "balance" : request.Path;
        var decision = Count(rule, request, account, endpoint);
        var response = decision.Allowed ? answer(request, account) : TooManyRequests(RetryAfter(decision));
        return response
            .WithHeader("X-HB-RateLimit-Requests-Remain", decision.Remaining.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-HB-RateLimit-Requests-Expire", decision.ResetAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }

    private (Failure? Failure, SimAccount? Account) Authenticate(SimRequest request)
    {
        var query = request.Query;
        var account = Runtime.Accounts.Find(Exchange, query.GetValueOrDefault("AccessKeyId"));
        if (account is null || account.Revoked)
        {
            return (new Failure("Signature not valid: Incorrect Access key [Access key错误]", false), null);
        }

        if (!query.TryGetValue("Timestamp", out var timestamp)
            || !DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
            || (Now - sent).Duration() > TimeSpan.FromMinutes(5))
        {
            return (new Failure("Signature not valid: Invalid submission time [无效的提交时间]", true), null);
        }

        var signed = FormEncoding.Pairs(request.RawQuery)
            .Where(p => p.Name != "Signature")
            .Select(p => FormEncoding.Encode(p.Name) + "=" + FormEncoding.Encode(p.Value))
            .Order(StringComparer.Ordinal);
        var host = (request.Header("Host") ?? "").ToLowerInvariant();
        var preSign = $"{request.Method}\n{host}\n{request.Path}\n{string.Join('&', signed)}";
        if (query.GetValueOrDefault("SignatureMethod") != "HmacSHA256"
            || query.GetValueOrDefault("SignatureVersion") != "2"
            || !Signatures.Base64Matches(HashAlgorithmName.SHA256, account.SecretKey, preSign, query.GetValueOrDefault("Signature")))
        {
            return (new Failure("Signature not valid: Verification failure [校验失败]", true), null);
        }

        if (account.IsExpired(Now))
        {
            return (new Failure("Signature not valid: API key has expired [API Key已过期]", false), null);
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return (new Failure($"Signature not valid: Incorrect IP address [IP地址错误]:{request.ClientIp}", false), null);
        }

        return account.Can("read")
            ? (null, account)
            : (new Failure("Signature not valid: API key has no permission [API Key没有权限]", false), null);
    }

    /// <summary>The account ids of a key's wallets: spot always exists, the others when they hold something.</summary>
    private static List<(long Id, string Type)> WalletsOf(SimAccount account)
    {
        var digits = account.Uid.Length > 8 ? account.Uid[^8..] : account.Uid;
        var baseId = long.Parse(digits, CultureInfo.InvariantCulture) * 10;
        var wallets = Definition.Wallets;
        return [.. wallets
            .Select((type, index) => (Id: baseId + index + 1, Type: type))
            .Where(w => w.Type == "spot" || account.Config.Balances.Any(b => b.Wallet == w.Type))];
    }

    private SimResponse Accounts(SimRequest request, SimAccount account) => V1Ok(w =>
    {
        w.WriteStartArray("data");
        foreach (var (id, type) in WalletsOf(account))
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("type", type);
            w.WriteString("subtype", "");
            w.WriteString("state", "working");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private SimResponse Balance(SimRequest request, SimAccount account)
    {
        var idText = request.Path[BalancePrefix.Length..^"/balance".Length];
        var wallet = long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? WalletsOf(account).FirstOrDefault(w => w.Id == id)
            : default;
        if (wallet.Type is null)
        {
            return V1Error(200, "account-get-balance-account-inexistent-error", $"account for id `{idText}` and user id `{account.Uid}` does not exist");
        }

        return V1Ok(w =>
        {
            w.WriteStartObject("data");
            w.WriteNumber("id", wallet.Id);
            w.WriteString("type", wallet.Type);
            w.WriteString("state", "working");
            w.WriteStartArray("list");
            foreach (var balance in account.Config.Balances.Where(b => b.Wallet == wallet.Type))
            {
                var currency = balance.Asset.ToLowerInvariant();
                WriteBalanceLine(w, currency, "trade", balance.Free);
                WriteBalanceLine(w, currency, "frozen", balance.Locked);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteBalanceLine(Utf8JsonWriter w, string currency, string type, decimal amount)
    {
        w.WriteStartObject();
        w.WriteString("currency", currency);
        w.WriteString("type", type);
        w.WriteString("balance", MarketBook.Format(amount));
        w.WriteEndObject();
    }

    private SimResponse ApiKeys(SimRequest request, SimAccount caller)
    {
        if (!request.Query.TryGetValue("uid", out var uid) || uid.Length == 0)
        {
            return V2Error(2002, "invalid field value in `uid`");
        }

        var keys = Runtime.Accounts.OfUid(Exchange, uid)
            .Where(k => uid == caller.Uid || k.Config.MainUid == caller.Uid)
            .Where(k => !request.Query.TryGetValue("accessKey", out var wanted) || k.ApiKey == wanted)
            .Where(k => !k.Revoked)
            .ToList();
        var now = Now;
        return V2Ok(w =>
        {
            w.WriteStartArray("data");
            foreach (var key in keys)
            {
                var config = key.Config;
                var rights = new List<string>(3);
                if (key.Can("read"))
                {
                    rights.Add("readOnly");
                }

                if (key.Can("spot") || key.Can("margin") || key.Can("futures"))
                {
                    rights.Add("trade");
                }

                if (key.Can("withdraw"))
                {
                    rights.Add("withdraw");
                }

                w.WriteStartObject();
                w.WriteString("accessKey", key.ApiKey);
                w.WriteString("status", key.IsExpired(now) ? "expired" : "normal");
                w.WriteString("note", config.Label ?? "");
                w.WriteString("permission", string.Join(',', rights));
                w.WriteString("ipAddresses", string.Join(',', config.IpWhitelist));
                w.WriteNumber("validDays", config.ExpiresAt is { } expiry ? Math.Max(0, (int)Math.Ceiling((expiry - now).TotalDays)) : -1);
                w.WriteNumber("createTime", (config.CreatedAt ?? now).ToUnixTimeMilliseconds());
                w.WriteNumber("updateTime", (config.CreatedAt ?? now).ToUnixTimeMilliseconds());
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, withMessage: true);
    }

    private SimResponse Tickers(SimRequest request) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "ok");
        w.WriteNumber("ts", Now.ToUnixTimeMilliseconds());
        w.WriteStartArray("data");
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            w.WriteStartObject();
            w.WriteString("symbol", (pair.Base + pair.Quote).ToLowerInvariant());
            w.WriteNumber("open", pair.Price);
            w.WriteNumber("high", pair.Price);
            w.WriteNumber("low", pair.Price);
            w.WriteNumber("close", pair.Price);
            w.WriteNumber("amount", 0);
            w.WriteNumber("vol", 0);
            w.WriteNumber("count", 0);
            w.WriteNumber("bid", pair.Price);
            w.WriteNumber("bidSize", 1);
            w.WriteNumber("ask", pair.Price);
            w.WriteNumber("askSize", 1);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private SimResponse Symbols(SimRequest request) => V1Ok(w =>
    {
        w.WriteStartArray("data");
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            w.WriteStartObject();
            w.WriteString("base-currency", pair.Base.ToLowerInvariant());
            w.WriteString("quote-currency", pair.Quote.ToLowerInvariant());
            w.WriteNumber("price-precision", 2);
            w.WriteNumber("amount-precision", 6);
            w.WriteString("symbol-partition", "main");
            w.WriteString("symbol", (pair.Base + pair.Quote).ToLowerInvariant());
            w.WriteString("state", "online");
            w.WriteNumber("value-precision", 8);
            w.WriteNumber("min-order-amt", 0.0001);
            w.WriteNumber("max-order-amt", 1000);
            w.WriteNumber("min-order-value", 5);
            w.WriteString("api-trading", "enabled");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private SimResponse CurrencyList(SimRequest request) => V1Ok(w =>
    {
        w.WriteStartArray("data");
        foreach (var asset in Runtime.Markets.Assets)
        {
            w.WriteStringValue(asset.ToLowerInvariant());
        }

        w.WriteEndArray();
    });

    private SimResponse ReferenceCurrencies(SimRequest request) => V2Ok(w =>
    {
        w.WriteStartArray("data");
        foreach (var asset in Runtime.Markets.Assets)
        {
            var currency = asset.ToLowerInvariant();
            w.WriteStartObject();
            w.WriteString("currency", currency);
            w.WriteString("assetType", "1");
            w.WriteStartArray("chains");
            w.WriteStartObject();
            w.WriteString("chain", currency);
            w.WriteString("displayName", asset);
            w.WriteString("baseChain", asset);
            w.WriteString("baseChainProtocol", "");
            w.WriteBoolean("isDynamic", false);
            w.WriteNumber("numOfConfirmations", 12);
            w.WriteNumber("numOfFastConfirmations", 12);
            w.WriteString("depositStatus", "allowed");
            w.WriteString("minDepositAmt", "0.0001");
            w.WriteString("withdrawStatus", "allowed");
            w.WriteString("minWithdrawAmt", "0.001");
            w.WriteNumber("withdrawPrecision", 8);
            w.WriteString("maxWithdrawAmt", "1000000");
            w.WriteString("withdrawQuotaPerDay", "1000000");
            w.WriteString("withdrawFeeType", "fixed");
            w.WriteString("transactFeeWithdraw", "0.0005");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("instStatus", "normal");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }, withMessage: false);

    private static SimResponse V1Ok(Action<Utf8JsonWriter> writeData) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "ok");
        writeData(w);
        w.WriteEndObject();
    });

    private static SimResponse V1Error(int status, string code, string message) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "error");
        w.WriteString("err-code", code);
        w.WriteString("err-msg", message);
        w.WriteNull("data");
        w.WriteEndObject();
    });

    private static SimResponse V2Ok(Action<Utf8JsonWriter> writeData, bool withMessage) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", 200);
        if (withMessage)
        {
            w.WriteString("message", "success");
        }

        writeData(w);
        w.WriteEndObject();
    });

    private static SimResponse V2Error(int code, string message) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteNull("data");
        w.WriteEndObject();
    });

    private sealed record Failure(string Message, bool SignatureProblem)
    {
        public string Code => NotValid;
    }
}
