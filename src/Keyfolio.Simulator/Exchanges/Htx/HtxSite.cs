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

    /// <summary>"Get Account Balance of a Sub-User": 20 per 2 s per uid (https://huobiapi.github.io/docs/spot/v1/en/).</summary>
    private static readonly RateLimitRule SubUserBalanceRule = new("htx.sub-user-balance", 20, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule PublicRule = new("htx.public", 100, TimeSpan.FromSeconds(1), RateScope.Ip);

    /// <summary>The derivatives API's reads: 72 per 3 s per UID, counted apart for each product line (USDT-margined,
    /// coin-margined swaps, coin-margined futures; HTX derivatives APIs, "Rate Limit").</summary>
    private static readonly RateLimitRule ContractReadRule = new("htx.contract-read", 72, TimeSpan.FromSeconds(3), RateScope.Uid);

    /// <summary>The account types the spot host lists, in the order their ids are made.</summary>
    private static readonly string[] SpotAccountTypes = ["spot", "margin", "otc", "point", "super-margin"];

    /// <summary>The derivatives wallets, served by the derivatives API (api.hbdm.com).</summary>
    private static readonly string[] ContractWallets = ["linear-swap", "swap", "futures"];

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "htx",
        DisplayName = "HTX",
        // spot; margin (isolated) and super-margin (cross), free including what was borrowed, with loan and interest rows;
        // otc; point; linear-swap: the USDT-margined unified account; swap: coin-margined swaps; futures: coin-margined
        // delivery futures (each derivatives balance at margin_static = free + locked, margin_balance with unrealisedPnl).
        Wallets = ["spot", "margin", "otc", "point", "super-margin", "linear-swap", "swap", "futures"],
        RateLimits = [AccountsRule, AccountBalanceRule, UserRule, SubUserBalanceRule, ContractReadRule, PublicRule],
        CreateSite = (runtime, site) => new HtxSite(runtime, site),
    };

    private const string NotValid = "api-signature-not-valid";
    private const string BalancePrefix = "/v1/account/accounts/";

    public override string? PeekApiKey(SimRequest request) => request.Query.GetValueOrDefault("AccessKeyId");

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method == "POST")
        {
            return request.Path switch
            {
                "/linear-swap-api/v1/swap_cross_account_info" => ContractPrivate(request, "linear-swap", (_, account) => HasContracts(account)
                    ? ContractError(4002, "The merged cross and isolated margin account for USDT-M futures is unavailable.Please complete the query with linear-swap-api/v3/unified_account_info")
                    : NotOpenedContracts()),
                "/swap-api/v1/swap_account_info" => ContractPrivate(request, "swap", (_, account) => CoinMarginedAccounts(account, "swap", "-USD")),
                "/api/v1/contract_account_info" => ContractPrivate(request, "futures", (_, account) => CoinMarginedAccounts(account, "futures", null)),
                _ => NotFound(),
            };
        }

        if (request.Method != "GET")
        {
            return NotFound();
        }

        return request.Path switch
        {
            "/linear-swap-api/v3/unified_account_info" => ContractPrivate(request, "linear-swap", UnifiedAccount),
            "/v1/common/timestamp" => Public(request, _ => V1Ok(w => w.WriteNumber("data", Now.ToUnixTimeMilliseconds()))),
            "/market/tickers" => Public(request, Tickers),
            "/v1/common/symbols" => Public(request, Symbols),
            "/v1/common/currencys" => Public(request, CurrencyList),
            "/v2/reference/currencies" => Public(request, ReferenceCurrencies),

            "/linear-swap-api/v1/swap_contract_info" => Public(request, LinearSwapContracts),
            "/swap-api/v1/swap_contract_info" => Public(request, InverseSwapContracts),
            "/api/v1/contract_contract_info" => Public(request, InverseFutureContracts),
            "/v1/account/accounts" => V1Private(request, AccountsRule, Accounts),
            "/v2/user/uid" => V2Private(request, (_, account) => V2Ok(w => w.WriteNumber("data", long.Parse(account.Uid, CultureInfo.InvariantCulture)), withMessage: false)),
            "/v2/user/api-key" => V2Private(request, ApiKeys),
            "/v2/sub-user/user-list" => V2Private(request, (r, a) => a.Config.IsSubAccountKey ? V2Error(1002, "unauthorized") : SubUserList(r, a)),
            var path when path.StartsWith(BalancePrefix, StringComparison.Ordinal) && path.EndsWith("/balance", StringComparison.Ordinal) =>
                V1Private(request, AccountBalanceRule, Balance),
            var path when path.StartsWith(BalancePrefix, StringComparison.Ordinal) => V1Private(request, SubUserBalanceRule, SubUserAccounts),
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
        // The host as received, or without its port: HTX's own SDKs sign the bare host name, ccxt the host it was given.
        var host = (request.Header("Host") ?? "").ToLowerInvariant();
        var parameters = string.Join('&', signed);
        var signature = query.GetValueOrDefault("Signature");
        bool Matches(string signedHost) => Signatures.Base64Matches(
            HashAlgorithmName.SHA256, account.SecretKey, $"{request.Method}\n{signedHost}\n{request.Path}\n{parameters}", signature);
        if (query.GetValueOrDefault("SignatureMethod") != "HmacSHA256"
            || query.GetValueOrDefault("SignatureVersion") != "2"
            || !(Matches(host) || (WithoutPort(host) is { } bare && Matches(bare))))
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

    /// <summary>The host name of a <c>Host</c> header that carries a port (<c>127.0.0.1:8443</c>, <c>[::1]:8443</c>); null without one.</summary>
    private static string? WithoutPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && colon > host.LastIndexOf(']') && host[(colon + 1)..].All(char.IsAsciiDigit) ? host[..colon] : null;
    }

    /// <summary>The bases the contract markets list: every asset quoted against USDT.</summary>
    private IEnumerable<string> ContractBases => Runtime.Markets.UsdtPairs.Select(p => p.Base);

    /// <summary>The Friday 08:00 UTC on or after now, when HTX settles its weekly contracts.</summary>
    private DateTimeOffset NextDelivery
    {
        get
        {
            var day = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddHours(8);
            while (day.DayOfWeek != DayOfWeek.Friday || day <= Now)
            {
                day = day.AddDays(1);
            }

            return day;
        }
    }

    /// <summary>
    /// <c>GET /linear-swap-api/v1/swap_contract_info[?contract_code=&amp;business_type=swap|futures|all]</c> (api.hbdm.com):
    /// the USDT-margined perpetual swaps (https://huobiapi.github.io/docs/usdt_swap/v1/en/#general-query-swap-info).
    /// </summary>
    private SimResponse LinearSwapContracts(SimRequest request)
    {
        var code = request.Query.GetValueOrDefault("contract_code");
        var business = request.Query.GetValueOrDefault("business_type") ?? "swap";
        if (business is not ("swap" or "futures" or "all"))
        {
            return ContractError(1067, "Invalid business_type");
        }

        var created = Now.AddDays(-400).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var settlement = NextDelivery.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return ContractOk(w =>
        {
            foreach (var asset in business == "futures" ? [] : ContractBases.Where(b => code is null || b + "-USDT" == code))
            {
                w.WriteStartObject();
                w.WriteString("symbol", asset);
                w.WriteString("contract_code", asset + "-USDT");
                w.WriteNumber("contract_size", asset == "BTC" ? 0.001m : 0.01m);
                w.WriteNumber("price_tick", 0.1m);
                w.WriteString("delivery_date", "");
                w.WriteString("delivery_time", "");
                w.WriteString("create_date", created);
                w.WriteNumber("contract_status", 1);
                w.WriteString("settlement_date", settlement);
                w.WriteString("support_margin_mode", "all");
                w.WriteString("business_type", "swap");
                w.WriteString("pair", asset + "-USDT");
                w.WriteString("contract_type", "swap");
                w.WriteString("trade_partition", "USDT");
                w.WriteEndObject();
            }
        });
    }

    /// <summary><c>GET /swap-api/v1/swap_contract_info[?contract_code=]</c> (api.hbdm.com): the coin-margined perpetual
    /// swaps, each <c>BASE-USD</c> (https://huobiapi.github.io/docs/coin_margined_swap/v1/en/#query-swap-info).</summary>
    private SimResponse InverseSwapContracts(SimRequest request)
    {
        var code = request.Query.GetValueOrDefault("contract_code");
        var created = Now.AddDays(-400).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var settlement = NextDelivery.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return ContractOk(w =>
        {
            foreach (var asset in ContractBases.Where(b => code is null || b + "-USD" == code))
            {
                w.WriteStartObject();
                w.WriteString("symbol", asset);
                w.WriteString("contract_code", asset + "-USD");
                w.WriteNumber("contract_size", asset == "BTC" ? 100m : 10m);
                w.WriteNumber("price_tick", 0.1m);
                w.WriteString("delivery_time", "");
                w.WriteString("create_date", created);
                w.WriteNumber("contract_status", 1);
                w.WriteString("settlement_date", settlement);
                w.WriteEndObject();
            }
        });
    }

    /// <summary><c>GET /api/v1/contract_contract_info[?symbol=&amp;contract_type=&amp;contract_code=]</c> (api.hbdm.com): the
    /// coin-margined delivery futures, this week's for each base (https://huobiapi.github.io/docs/dm/v1/en/#get-contract-info).</summary>
    private SimResponse InverseFutureContracts(SimRequest request)
    {
        var symbol = request.Query.GetValueOrDefault("symbol");
        var type = request.Query.GetValueOrDefault("contract_type");
        var delivery = NextDelivery;
        var suffix = delivery.ToString("yyMMdd", CultureInfo.InvariantCulture);
        var created = delivery.AddDays(-14).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return ContractOk(w =>
        {
            foreach (var asset in ContractBases.Where(b => (symbol is null || b == symbol) && (type is null || type == "this_week")))
            {
                w.WriteStartObject();
                w.WriteString("symbol", asset);
                w.WriteString("contract_code", asset + suffix);
                w.WriteString("contract_type", "this_week");
                w.WriteNumber("contract_size", asset == "BTC" ? 100m : 10m);
                w.WriteNumber("price_tick", 0.01m);
                w.WriteString("delivery_date", delivery.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                w.WriteString("delivery_time", delivery.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("create_date", created);
                w.WriteNumber("contract_status", 1);
                w.WriteString("settlement_time", delivery.AddDays(-1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
        });
    }

    private SimResponse ContractOk(Action<Utf8JsonWriter> writeItems) => V1Ok(w =>
    {
        w.WriteStartArray("data");
        writeItems(w);
        w.WriteEndArray();
        w.WriteNumber("ts", Now.ToUnixTimeMilliseconds());
    });

    /// <summary>The derivatives API's refusal: <c>{"status":"error","err_code":…,"err_msg":"…","ts":…}</c>.</summary>
    private SimResponse ContractError(int code, string message) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "error");
        w.WriteNumber("err_code", code);
        w.WriteString("err_msg", message);
        w.WriteNumber("ts", Now.ToUnixTimeMilliseconds());
        w.WriteEndObject();
    });

    /// <summary>The account ids of a key's wallets: spot always exists, the others when they hold something.</summary>
    private static List<(long Id, string Type)> WalletsOf(SimAccount account)
    {
        var digits = account.Uid.Length > 8 ? account.Uid[^8..] : account.Uid;
        var baseId = long.Parse(digits, CultureInfo.InvariantCulture) * 10;
        return [.. SpotAccountTypes
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
                if (wallet.Type is "margin" or "super-margin")
                {
                    // Owed amounts are negative rows; the two capacity rows are what may leave and what may still be borrowed.
                    WriteBalanceLine(w, currency, "loan", -balance.Borrowed);
                    WriteBalanceLine(w, currency, "interest", -balance.Interest);
                    WriteBalanceLine(w, currency, "transfer-out-available", Math.Max(0m, balance.Free - balance.Borrowed - balance.Interest));
                    WriteBalanceLine(w, currency, "loan-available", (balance.Free + balance.Locked) * 4);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// "Get Sub User's List", <c>GET /v2/sub-user/user-list[?fromId=]</c>: <c>{code, data[] {uid, userState}, nextId}</c> in
    /// ascending order of uid, 100 a page, <c>nextId</c> the first uid of the next page (https://www.htx.com/support/900001331346).
    /// A sub-user's own key is refused as unauthorized (<c>1002</c>; the page does not say which code it gets).
    /// </summary>
    private static SimResponse SubUserList(SimRequest request, SimAccount account)
    {
        var from = long.TryParse(request.Query.GetValueOrDefault("fromId"), NumberStyles.None, CultureInfo.InvariantCulture, out var fromId) ? fromId : 0;
        var subs = account.Config.SubAccounts
            .Select(s => (Uid: long.Parse(s.Uid!, CultureInfo.InvariantCulture), Sub: s))
            .OrderBy(s => s.Uid)
            .Where(s => s.Uid >= from)
            .ToList();
        return V2Ok(
            w =>
            {
                w.WriteStartArray("data");
                foreach (var (uid, sub) in subs.Take(100))
                {
                    w.WriteStartObject();
                    w.WriteNumber("uid", uid);
                    w.WriteString("userState", sub.Frozen ? "lock" : "normal");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (subs.Count > 100)
                {
                    w.WriteNumber("nextId", subs[100].Uid);
                }
            },
            withMessage: false);
    }

    /// <summary>
    /// "Get Account Balance of a Sub-User", <c>GET /v1/account/accounts/{sub-uid}</c>: <c>data[] {id, type, state, list[]
    /// {currency, type, balance}, symbol}</c>, the sub-user's spot account and every other account holding something, rows
    /// as in the account balance (https://huobiapi.github.io/docs/spot/v1/en/). A
    /// sub-user's own key, and a uid of no sub-user of this parent, are refused as the key having no permission (the page
    /// does not say what either gets).
    /// </summary>
    private static SimResponse SubUserAccounts(SimRequest request, SimAccount account)
    {
        var uid = request.Path[BalancePrefix.Length..];
        if (account.Config.IsSubAccountKey || account.Config.SubAccounts.FirstOrDefault(s => s.Uid == uid) is not { } sub)
        {
            return V1Error(200, NotValid, "Signature not valid: API key has no permission [API Key没有权限]");
        }

        var baseId = long.Parse(sub.Uid![^Math.Min(8, sub.Uid!.Length)..], CultureInfo.InvariantCulture) * 10;
        return V1Ok(w =>
        {
            w.WriteStartArray("data");
            foreach (var (type, index) in SpotAccountTypes.Select((t, i) => (t, i)).Where(t => t.t == "spot" || sub.Balances.Any(b => b.Wallet == t.t)))
            {
                w.WriteStartObject();
                w.WriteNumber("id", baseId + index + 1);
                w.WriteString("type", type);
                w.WriteString("state", "working");
                w.WriteStartArray("list");
                foreach (var balance in sub.Balances.Where(b => b.Wallet == type))
                {
                    var currency = balance.Asset.ToLowerInvariant();
                    WriteBalanceLine(w, currency, "trade", balance.Free);
                    WriteBalanceLine(w, currency, "frozen", balance.Locked);
                    if (type is "margin" or "super-margin")
                    {
                        WriteBalanceLine(w, currency, "loan", -balance.Borrowed);
                        WriteBalanceLine(w, currency, "interest", -balance.Interest);
                    }
                }

                w.WriteEndArray();
                w.WriteString("symbol", "");
                w.WriteEndObject();
            }

            w.WriteEndArray();
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

    /// <summary>
    /// A signed read of the derivatives API (api.hbdm.com): Signature V2 over the host called, the POST body unsigned;
    /// refusals in the derivatives style, <c>{"status":"error","err_code":403,"err_msg":"Incorrect Access key [Access key错误]"}</c>.
    /// </summary>
    private SimResponse ContractPrivate(SimRequest request, string product, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var (failure, account) = Authenticate(request);
        if (failure is not null)
        {
            return ContractError(403, failure.Message.Replace("Signature not valid: ", "", StringComparison.Ordinal));
        }

        var decision = Count(ContractReadRule, request, account!, product);
        return decision.Allowed ? answer(request, account!) : TooManyRequests(RetryAfter(decision));
    }

    private static bool HasContracts(SimAccount account) => account.Config.Balances.Any(b => ContractWallets.Contains(b.Wallet));

    /// <summary>A user who never opened contracts trading: <c>1220</c> (as quoted in ccxt/ccxt#11994).</summary>
    private SimResponse NotOpenedContracts() => ContractError(1220, "You don’t have access permission as you have not opened contracts trading.");

    /// <summary>
    /// <c>GET /linear-swap-api/v3/unified_account_info</c>: per USDT-margined balance <c>{margin_asset, margin_balance,
    /// margin_static, cross_profit_unreal, margin_frozen, withdraw_available, cross_swap[], cross_future[], isolated_swap[]}</c>
    /// in <c>{"code":200,"msg":"ok","data":[…],"ts":…}</c> (https://www.htx.com/en-us/opend/newApiPages/?id=10000074-77b7-11ed-9966-0242ac110003).
    /// </summary>
    private SimResponse UnifiedAccount(SimRequest request, SimAccount account)
    {
        if (!HasContracts(account))
        {
            return SimResponse.Write(200, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("code", 1220);
                w.WriteString("msg", "You don’t have access permission as you have not opened contracts trading.");
                w.WriteNull("data");
                w.WriteNumber("ts", Now.ToUnixTimeMilliseconds());
                w.WriteEndObject();
            });
        }

        var wanted = request.Query.GetValueOrDefault("contract_code");
        return SimResponse.Write(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", 200);
            w.WriteString("msg", "ok");
            w.WriteStartArray("data");
            foreach (var balance in account.Config.Balances.Where(b => b.Wallet == "linear-swap" && (wanted is null || wanted.EndsWith("-" + b.Asset, StringComparison.Ordinal))))
            {
                w.WriteStartObject();
                w.WriteStartArray("cross_future");
                w.WriteEndArray();
                w.WriteNumber("cross_margin_static", balance.Free + balance.Locked);
                w.WriteNumber("cross_profit_unreal", balance.UnrealisedPnl);
                w.WriteNull("cross_risk_rate");
                w.WriteStartArray("cross_swap");
                w.WriteEndArray();
                w.WriteStartArray("isolated_swap");
                w.WriteEndArray();
                w.WriteString("margin_asset", balance.Asset);
                w.WriteNumber("margin_balance", balance.Free + balance.Locked + balance.UnrealisedPnl);
                w.WriteNumber("margin_frozen", balance.Locked);
                w.WriteNumber("margin_static", balance.Free + balance.Locked);
                w.WriteNumber("userId", long.Parse(account.Uid, CultureInfo.InvariantCulture));
                w.WriteNumber("withdraw_available", balance.Free);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("ts", Now.ToUnixTimeMilliseconds());
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>POST /swap-api/v1/swap_account_info</c> and <c>POST /api/v1/contract_account_info</c>: per coin-margined balance
    /// <c>{symbol, margin_balance = margin_static + profit_unreal, margin_frozen, margin_available, …}</c>; an account with
    /// other contracts but none of these answers <c>1010</c> "Account doesnt exist." (as quoted in ccxt/ccxt#12469)
    /// (https://www.htx.com/en-us/opend/newApiPages/?id=5d5184f4-77b6-11ed-9966-0242ac110003).
    /// </summary>
    private SimResponse CoinMarginedAccounts(SimAccount account, string wallet, string? codeSuffix)
    {
        var balances = account.Config.Balances.Where(b => b.Wallet == wallet).ToList();
        if (balances.Count == 0)
        {
            return HasContracts(account) ? ContractError(1010, "Account doesnt exist.") : NotOpenedContracts();
        }

        return ContractOk(w =>
        {
            foreach (var balance in balances)
            {
                var margin = balance.Free + balance.Locked;
                w.WriteStartObject();
                w.WriteString("symbol", balance.Asset);
                w.WriteNumber("margin_balance", margin + balance.UnrealisedPnl);
                w.WriteNumber("margin_position", 0);
                w.WriteNumber("margin_frozen", balance.Locked);
                w.WriteNumber("margin_available", balance.Free);
                w.WriteNumber("profit_real", 0);
                w.WriteNumber("profit_unreal", balance.UnrealisedPnl);
                w.WriteNull("risk_rate");
                w.WriteNumber("withdraw_available", balance.Free);
                w.WriteNull("liquidation_price");
                w.WriteNumber("lever_rate", 5);
                w.WriteNumber("adjust_factor", 0.4m);
                w.WriteNumber("margin_static", margin);
                if (codeSuffix is not null)
                {
                    w.WriteString("contract_code", balance.Asset + codeSuffix);
                }

                w.WriteEndObject();
            }
        });
    }

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
