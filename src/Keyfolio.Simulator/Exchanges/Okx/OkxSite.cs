using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Okx;

/// <summary>
/// OKX API v5 (www.okx.com, or the EEA and US entities on their own ports): Base64 HMAC-SHA256 over
/// timestamp + method + path and query + body, a passphrase, a 30 s window, demo keys behind
/// <c>x-simulated-trading: 1</c>, limits per uid per endpoint, and the Fast API OAuth server.
/// </summary>
internal sealed class OkxSite : ExchangeSite
{
    private static readonly RateLimitRule AccountBalanceRule = new("okx.account-balance", 10, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule AccountConfigRule = new("okx.account-config", 5, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule AssetBalancesRule = new("okx.asset-balances", 6, TimeSpan.FromSeconds(1), RateScope.Uid);
    private static readonly RateLimitRule SavingsBalanceRule = new("okx.savings-balance", 6, TimeSpan.FromSeconds(1), RateScope.Uid);
    private static readonly RateLimitRule OnChainOrdersRule = new("okx.staking-defi-orders-active", 3, TimeSpan.FromSeconds(1), RateScope.Uid);
    private static readonly RateLimitRule PublicRule = new("okx.public", 20, TimeSpan.FromSeconds(2), RateScope.Ip);

    /// <summary>Sub-account reads, for master accounts: the list 20 per 2 s, each balance 6 per 2 s, per uid
    /// (https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-list, …-get-sub-account-trading-balance,
    /// …-get-sub-account-funding-balance).</summary>
    private static readonly RateLimitRule SubAccountListRule = new("okx.subaccount-list", 20, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule SubAccountTradingRule = new("okx.subaccount-trading-balances", 6, TimeSpan.FromSeconds(2), RateScope.Uid);
    private static readonly RateLimitRule SubAccountFundingRule = new("okx.subaccount-funding-balances", 6, TimeSpan.FromSeconds(2), RateScope.Uid);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "okx",
        DisplayName = "OKX",
        RegionalSites = [new("eea", "okx-eea"), new("us", "okx-us")],
        // spot: the trading account (with borrowed and unrealisedPnl in margin modes); funding; earn: Simple Earn
        // flexible savings; staking: on-chain earn orders, one order per balance.
        Wallets = ["spot", "funding", "earn", "staking"],
        RequiresPassphrase = true,
        RateLimits = [AccountBalanceRule, AccountConfigRule, AssetBalancesRule, SavingsBalanceRule, OnChainOrdersRule, PublicRule, SubAccountListRule, SubAccountTradingRule, SubAccountFundingRule],
        CreateSite = (runtime, site) => new OkxSite(runtime, site),
    };

    private readonly OkxOAuthServer? _oauth;

    public OkxSite(SimulatorRuntime runtime, string site)
        : base(runtime, site)
    {
        if (site == Definition.Name && runtime.Config.OkxOAuth is { } settings)
        {
            _oauth = new OkxOAuthServer(runtime, settings, () => Now);
        }
    }

    public override string? PeekApiKey(SimRequest request) => request.Header("OK-ACCESS-KEY");

    public override SimResponse Handle(SimRequest request) => (request.Method, request.Path) switch
    {
        ("GET", "/api/v5/public/time") => Public(request, "time", _ => Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("ts", Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        })),
        ("GET", "/api/v5/market/tickers") => Public(request, "tickers", Tickers),
        ("GET", "/api/v5/public/instruments") => Public(request, "instruments", Instruments),
        ("GET", "/api/v5/account/balance") => Private(request, AccountBalanceRule, TradingBalance),
        ("GET", "/api/v5/asset/balances") => Private(request, AssetBalancesRule, FundingBalance),
        ("GET", "/api/v5/account/config") => Private(request, AccountConfigRule, AccountConfig),
        ("GET", "/api/v5/finance/savings/balance") => Private(request, SavingsBalanceRule, SavingsBalance),
        ("GET", "/api/v5/finance/staking-defi/orders-active") => Private(request, OnChainOrdersRule, OnChainOrders),
        ("GET", "/api/v5/asset/currencies") => Private(request, AssetBalancesRule, Currencies),
        ("GET", "/api/v5/users/subaccount/list") => Private(request, SubAccountListRule, (r, a) => Master(a, () => SubAccountList(r, a))),
        ("GET", "/api/v5/account/subaccount/balances") => Private(request, SubAccountTradingRule, (r, a) => Master(a, () => OfSubAccount(r, a, sub => TradingBalance(r, sub.Balances)))),
        ("GET", "/api/v5/asset/subaccount/balances") => Private(request, SubAccountFundingRule, (r, a) => Master(a, () => OfSubAccount(r, a, sub => FundingBalance(r, sub.Balances)))),
        _ when _oauth is not null && _oauth.Handles(request) => _oauth.Handle(request),
        _ => NotFound(),
    };

    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Error(429, "50011", "Too Many Requests").WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, "50013", "Systems are busy. Please try again later.");

    public override SimResponse Maintenance() => Error(503, "50001", "Service temporarily unavailable. Try again later");

    public override SimResponse RestrictedLocation() =>
        Error(451, "51155", "Due to local laws and regulations, this service is not available in your region.");

    internal static SimResponse Error(int status, string code, string message) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("msg", message);
        w.WriteStartArray("data");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    internal static SimResponse Ok(Action<Utf8JsonWriter> writeItems) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("code", "0");
        w.WriteString("msg", "");
        w.WriteStartArray("data");
        writeItems(w);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private SimResponse Public(SimRequest request, string endpoint, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicRule, request, null, endpoint);
        return decision.Allowed ? answer(request) : TooManyRequests(RetryAfter(decision));
    }

    private SimResponse Private(SimRequest request, RateLimitRule rule, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        if (Authenticate(request) is { } refusal)
        {
            return refusal.Response!;
        }

        var account = Runtime.Accounts.Find(Exchange, request.Header("OK-ACCESS-KEY"))!;
        var decision = Count(rule, request, account, request.Path);
        return decision.Allowed ? answer(request, account) : TooManyRequests(RetryAfter(decision));
    }

    private Refusal? Authenticate(SimRequest request)
    {
        var apiKey = request.Header("OK-ACCESS-KEY");
        var signature = request.Header("OK-ACCESS-SIGN");
        var timestamp = request.Header("OK-ACCESS-TIMESTAMP");
        var passphrase = request.Header("OK-ACCESS-PASSPHRASE");
        if (string.IsNullOrEmpty(apiKey))
        {
            return new(Error(401, "50103", "Request header \"OK-ACCESS-KEY\" cannot be empty."));
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            return new(Error(401, "50104", "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty."));
        }

        if (string.IsNullOrEmpty(signature))
        {
            return new(Error(401, "50106", "Request header \"OK-ACCESS-SIGN\" cannot be empty."));
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return new(Error(401, "50107", "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty."));
        }

        if (!DateTimeOffset.TryParseExact(timestamp, ["yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
        {
            return new(Error(401, "50112", "Invalid OK-ACCESS-TIMESTAMP."));
        }

        if ((Now - sent).Duration() > TimeSpan.FromSeconds(30))
        {
            return new(Error(401, "50102", "Timestamp request expired."));
        }

        var account = Runtime.Accounts.Find(Exchange, apiKey);
        if (account is null || !IsLive(account))
        {
            return new(Error(401, "50111", "Invalid OK-ACCESS-KEY."));
        }

        if (account.Site != Site)
        {
            return new(Error(200, "50119", "API key doesn't exist"));
        }

        var demoHeader = request.Header("x-simulated-trading") == "1";
        if (demoHeader != account.IsDemo)
        {
            return new(Error(401, "50101", "APIKey does not match current environment."));
        }

        if (!Signatures.FixedTimeEquals(passphrase, account.PassphraseBytes))
        {
            return new(Error(401, "50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect."));
        }

        var prehash = timestamp + request.Method + request.PathAndQuery + FormEncoding.Text(request.Body);
        if (!Signatures.Base64Matches(HashAlgorithmName.SHA256, account.SecretKey, prehash, signature))
        {
            return new(Error(401, "50113", "Invalid signature."));
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return new(Error(401, "50110", $"Your IP {request.ClientIp} is not included in your API key's IP whitelist."));
        }

        return account.Can("read") ? null : new(Error(200, "50120", "This API key doesn't have permission to use this function"));
    }

    private static HashSet<string>? WantedCurrencies(SimRequest request) =>
        request.Query.TryGetValue("ccy", out var list) && list.Length > 0
            ? new HashSet<string>(list.Split(','), StringComparer.Ordinal)
            : null;

    private decimal UsdPrice(string asset) =>
        asset is "USD" ? 1m : Runtime.Config.Prices.TryGetValue(asset, out var price) ? price : 0m;

    /// <summary>
    /// The sub-account endpoints are for master accounts: a sub-account's own key gets OKX's general "no permission to use
    /// this API" code, <c>50030</c> (OKX API v5, "Error Code": https://www.okx.com/docs-v5/en/#error-code; the endpoint
    /// pages do not say which code a sub-account's key gets).
    /// </summary>
    private static SimResponse Master(SimAccount account, Func<SimResponse> answer) =>
        account.Config.IsSubAccountKey ? Error(200, "50030", "No permission to use this API") : answer();

    /// <summary>The sub-account <c>subAcct</c> names, when it is one of this master's; a missing name is a parameter
    /// error (<c>51000</c>), a name of no sub-account of this master is refused as not permitted.</summary>
    private static SimResponse OfSubAccount(SimRequest request, SimAccount account, Func<SimulatorSubAccount, SimResponse> answer)
    {
        if (request.Query.GetValueOrDefault("subAcct") is not { Length: > 0 } name)
        {
            return Error(200, "51000", "Parameter subAcct error");
        }

        return account.Config.SubAccounts.FirstOrDefault(s => s.Name == name) is { } sub
            ? answer(sub)
            : Error(200, "50030", "No permission to use this API");
    }

    /// <summary>
    /// "Get sub-account list": <c>data[] {subAcct, label, uid, enable, ts, type, …}</c>, newest first, <c>enable</c> and
    /// <c>subAcct</c> filters, <c>after</c>/<c>before</c> creation times in milliseconds, <c>limit</c> up to 100 (the default).
    /// Each sub-account was created a second after the previous one.
    /// </summary>
    private SimResponse SubAccountList(SimRequest request, SimAccount account)
    {
        var limit = 100;
        if (request.Query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 100))
        {
            return Error(200, "51000", "Parameter limit error");
        }

        long? Time(string name) => request.Query.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null;
        var after = Time("after");
        var before = Time("before");
        var enable = request.Query.GetValueOrDefault("enable");
        var only = request.Query.GetValueOrDefault("subAcct");
        var created = (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds();
        var subs = account.Config.SubAccounts
            .Select((sub, index) => (Sub: sub, Ts: created + (index + 1) * 1000L))
            .Where(s => (after is null || s.Ts < after) && (before is null || s.Ts > before)
                && (enable is null || string.Equals(enable, s.Sub.Frozen ? "false" : "true", StringComparison.OrdinalIgnoreCase))
                && (only is null || s.Sub.Name == only))
            .OrderByDescending(s => s.Ts)
            .Take(limit);
        return Ok(w =>
        {
            foreach (var (sub, ts) in subs)
            {
                w.WriteStartObject();
                w.WriteBoolean("canTransOut", false);
                w.WriteBoolean("enable", !sub.Frozen);
                w.WriteStartArray("frozenFunc");
                w.WriteEndArray();
                w.WriteBoolean("gAuth", false);
                w.WriteString("label", sub.Label ?? "");
                w.WriteString("mobile", "");
                w.WriteString("subAcct", sub.Name);
                w.WriteString("ts", ts.ToString(CultureInfo.InvariantCulture));
                w.WriteString("type", "1");
                w.WriteString("uid", sub.Uid);
                w.WriteString("subAcctLv", "1");
                w.WriteString("firstLvSubAcct", sub.Name);
                w.WriteBoolean("ifDma", false);
                w.WriteEndObject();
            }
        });
    }

    private SimResponse TradingBalance(SimRequest request, SimAccount account) => TradingBalance(request, account.Config.Balances, account.Config.CreatedAt);

    private SimResponse TradingBalance(SimRequest request, IEnumerable<SimulatorBalance> all, DateTimeOffset? createdAt = null)
    {
        var wanted = WantedCurrencies(request);
        var balances = all.Where(b => b.Wallet == "spot" && (wanted is null || wanted.Contains(b.Asset))).ToList();
        var updated = (createdAt ?? Now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var total = balances.Sum(b => b.Net * UsdPrice(b.Asset));
        var upl = balances.Sum(b => b.UnrealisedPnl * UsdPrice(b.Asset));
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("adjEq", MarketBook.Format(total));
            w.WriteString("availEq", MarketBook.Format(total));
            w.WriteString("borrowFroz", "0");
            w.WriteStartArray("details");
            foreach (var balance in balances)
            {
                // eq = cashBal + upl, where cashBal is net of what was borrowed; liab and interest are shown apart, positive.
                var cash = balance.Free + balance.Locked - balance.Borrowed - balance.Interest;
                var equity = balance.Net;
                w.WriteStartObject();
                w.WriteString("availBal", MarketBook.Format(balance.Free));
                w.WriteString("availEq", MarketBook.Format(balance.Free));
                w.WriteString("borrowFroz", "0");
                w.WriteString("cashBal", MarketBook.Format(cash));
                w.WriteString("ccy", balance.Asset);
                w.WriteString("crossLiab", "0");
                w.WriteString("disEq", MarketBook.Format(equity * UsdPrice(balance.Asset)));
                w.WriteString("eq", MarketBook.Format(equity));
                w.WriteString("eqUsd", MarketBook.Format(equity * UsdPrice(balance.Asset)));
                w.WriteString("fixedBal", "0");
                w.WriteString("frozenBal", MarketBook.Format(balance.Locked));
                w.WriteString("imr", "");
                w.WriteString("interest", MarketBook.Format(balance.Interest));
                w.WriteString("isoEq", "0");
                w.WriteString("isoLiab", "0");
                w.WriteString("isoUpl", "0");
                w.WriteString("liab", MarketBook.Format(balance.Borrowed + balance.Interest));
                w.WriteString("maxLoan", "0");
                w.WriteString("mgnRatio", "");
                w.WriteString("mmr", "");
                w.WriteString("notionalLever", "");
                w.WriteString("ordFrozen", MarketBook.Format(balance.Locked));
                w.WriteString("rewardBal", "0");
                w.WriteString("spotInUseAmt", "");
                w.WriteString("spotIsoBal", "0");
                w.WriteString("stgyEq", "0");
                w.WriteString("twap", "0");
                w.WriteString("uTime", updated);
                w.WriteString("upl", MarketBook.Format(balance.UnrealisedPnl));
                w.WriteString("uplLiab", "0");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("imr", "0");
            w.WriteString("isoEq", "0");
            w.WriteString("mgnRatio", "");
            w.WriteString("mmr", "0");
            w.WriteString("notionalUsd", "0");
            w.WriteString("ordFroz", "");
            w.WriteString("totalEq", MarketBook.Format(total));
            w.WriteString("uTime", Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("upl", MarketBook.Format(upl));
            w.WriteEndObject();
        });
    }

    private SimResponse FundingBalance(SimRequest request, SimAccount account) => FundingBalance(request, account.Config.Balances);

    private static SimResponse FundingBalance(SimRequest request, IEnumerable<SimulatorBalance> all)
    {
        var wanted = WantedCurrencies(request);
        var balances = all.Where(b => b.Wallet == "funding" && (wanted is null || wanted.Contains(b.Asset)));
        return Ok(w =>
        {
            foreach (var balance in balances)
            {
                w.WriteStartObject();
                w.WriteString("availBal", MarketBook.Format(balance.Free));
                w.WriteString("bal", MarketBook.Format(balance.Free + balance.Locked));
                w.WriteString("ccy", balance.Asset);
                w.WriteString("frozenBal", MarketBook.Format(balance.Locked));
                w.WriteEndObject();
            }
        });
    }

    /// <summary>
    /// <c>GET /api/v5/finance/savings/balance[?ccy=]</c>: Simple Earn flexible, <c>amt = loanAmt + pendingAmt</c>; the
    /// configured free part is lent, the locked part waits to be lent
    /// (https://www.okx.com/docs-v5/en/#financial-product-simple-earn-flexible-get-saving-balance).
    /// </summary>
    private SimResponse SavingsBalance(SimRequest request, SimAccount account)
    {
        var wanted = WantedCurrencies(request);
        var balances = account.Config.Balances.Where(b => b.Wallet == "earn" && (wanted is null || wanted.Contains(b.Asset)));
        return Ok(w =>
        {
            foreach (var balance in balances)
            {
                w.WriteStartObject();
                w.WriteString("earnings", MarketBook.Format(Math.Round((balance.Free + balance.Locked) * 0.0001m, 8)));
                w.WriteString("redemptAmt", "");
                w.WriteString("rate", "0.0100000000000000");
                w.WriteString("ccy", balance.Asset);
                w.WriteString("amt", MarketBook.Format(balance.Free + balance.Locked));
                w.WriteString("loanAmt", MarketBook.Format(balance.Free));
                w.WriteString("pendingAmt", MarketBook.Format(balance.Locked));
                w.WriteEndObject();
            }
        });
    }

    /// <summary>
    /// <c>GET /api/v5/finance/staking-defi/orders-active[?productId=&amp;protocolType=&amp;ccy=&amp;state=]</c>: one earning
    /// on-chain order per configured balance (https://www.okx.com/docs-v5/en/#financial-product-on-chain-earn-get-active-orders).
    /// </summary>
    private SimResponse OnChainOrders(SimRequest request, SimAccount account)
    {
        var query = request.Query;
        if (query.TryGetValue("protocolType", out var protocol) && protocol is not ("defi" or ""))
        {
            return Error(200, "51000", "Parameter protocolType error");
        }

        var ccy = query.GetValueOrDefault("ccy");
        var state = query.GetValueOrDefault("state");
        var orders = account.Config.Balances
            .Select((balance, index) => (Balance: balance, Index: index))
            .Where(o => o.Balance.Wallet == "staking" && (string.IsNullOrEmpty(ccy) || o.Balance.Asset == ccy))
            .Where(_ => string.IsNullOrEmpty(state) || state == "1")
            .ToList();
        var purchased = (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Ok(w =>
        {
            foreach (var (balance, index) in orders)
            {
                var amount = MarketBook.Format(balance.Free + balance.Locked);
                w.WriteStartObject();
                w.WriteString("ordId", (2_400_000 + index).ToString(CultureInfo.InvariantCulture));
                w.WriteString("ccy", balance.Asset);
                w.WriteString("productId", (100 + index).ToString(CultureInfo.InvariantCulture));
                w.WriteString("state", "1");
                w.WriteString("protocol", "On-Chain Defi");
                w.WriteString("protocolType", "defi");
                w.WriteString("term", "0");
                w.WriteString("apy", "0.0323");
                w.WriteStartArray("investData");
                w.WriteStartObject();
                w.WriteString("ccy", balance.Asset);
                w.WriteString("amt", amount);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("earningData");
                w.WriteStartObject();
                w.WriteString("ccy", balance.Asset);
                w.WriteString("earningType", "0");
                w.WriteString("earnings", MarketBook.Format(Math.Round((balance.Free + balance.Locked) * 0.001m, 8)));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("purchasedTime", purchased);
                w.WriteString("tag", "");
                w.WriteString("estSettlementTime", "");
                w.WriteString("cancelRedemptionDeadline", "");
                w.WriteStartArray("fastRedemptionData");
                w.WriteEndArray();
                w.WriteEndObject();
            }
        });
    }

    private SimResponse AccountConfig(SimRequest request, SimAccount account)
    {
        var config = account.Config;
        var rights = new List<string>(3);
        if (account.Can("read"))
        {
            rights.Add("read_only");
        }

        if (account.Can("spot") || account.Can("margin") || account.Can("futures"))
        {
            rights.Add("trade");
        }

        if (account.Can("withdraw"))
        {
            rights.Add("withdraw");
        }

        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("acctLv", "2");
            w.WriteString("acctStpMode", "cancel_maker");
            w.WriteBoolean("autoLoan", false);
            w.WriteString("ctIsoMode", "automatic");
            w.WriteBoolean("enableSpotBorrow", false);
            w.WriteString("greeksType", "PA");
            w.WriteString("ip", string.Join(',', config.IpWhitelist));
            w.WriteString("kycLv", "2");
            w.WriteString("label", config.Label ?? "");
            w.WriteString("level", "Lv1");
            w.WriteString("levelTmp", "");
            w.WriteString("liquidationGear", "-1");
            w.WriteString("mainUid", config.MainUid ?? config.Uid);
            w.WriteString("mgnIsoMode", "automatic");
            w.WriteString("opAuth", "0");
            w.WriteString("perm", string.Join(',', rights));
            w.WriteString("posMode", "net_mode");
            w.WriteString("roleType", "0");
            w.WriteBoolean("spotBorrowAutoRepay", false);
            w.WriteString("spotOffsetType", "");
            w.WriteString("spotRoleType", "0");
            w.WriteStartArray("spotTraderInsts");
            w.WriteEndArray();
            w.WriteString("stgyType", "0");
            w.WriteStartArray("traderInsts");
            w.WriteEndArray();
            w.WriteString("type", config.MainUid is null || config.MainUid == config.Uid ? "0" : "1");
            w.WriteString("uid", config.Uid);
            w.WriteEndObject();
        });
    }

    private SimResponse Currencies(SimRequest request, SimAccount account) => Ok(w =>
    {
        foreach (var asset in Runtime.Markets.Assets)
        {
            w.WriteStartObject();
            w.WriteString("ccy", asset);
            w.WriteString("name", asset);
            w.WriteString("chain", asset + "-" + asset);
            w.WriteBoolean("canDep", true);
            w.WriteBoolean("canWd", true);
            w.WriteBoolean("canInternal", true);
            w.WriteBoolean("mainNet", true);
            w.WriteString("minDep", "0.00000001");
            w.WriteString("minWd", "0.001");
            w.WriteString("maxWd", "1000000");
            w.WriteString("minFee", "0.0001");
            w.WriteString("maxFee", "0.001");
            w.WriteString("fee", "0.0001");
            w.WriteString("wdTickSz", "8");
            w.WriteString("logoLink", "");
            w.WriteEndObject();
        }
    });

    private SimResponse Tickers(SimRequest request)
    {
        if (!request.Query.TryGetValue("instType", out var type) || type.Length == 0)
        {
            return Error(400, "50014", "Parameter instType can not be empty.");
        }

        var ts = Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Ok(w =>
        {
            if (type != "SPOT")
            {
                return;
            }

            foreach (var pair in Runtime.Markets.UsdtPairs)
            {
                var price = MarketBook.Format(pair.Price);
                w.WriteStartObject();
                w.WriteString("instType", "SPOT");
                w.WriteString("instId", pair.Base + "-" + pair.Quote);
                w.WriteString("last", price);
                w.WriteString("lastSz", "0.1");
                w.WriteString("askPx", price);
                w.WriteString("askSz", "1");
                w.WriteString("bidPx", price);
                w.WriteString("bidSz", "1");
                w.WriteString("open24h", price);
                w.WriteString("high24h", price);
                w.WriteString("low24h", price);
                w.WriteString("volCcy24h", "0");
                w.WriteString("vol24h", "0");
                w.WriteString("ts", ts);
                w.WriteString("sodUtc0", price);
                w.WriteString("sodUtc8", price);
                w.WriteEndObject();
            }
        });
    }

    private SimResponse Instruments(SimRequest request)
    {
        if (!request.Query.TryGetValue("instType", out var type) || type.Length == 0)
        {
            return Error(400, "50014", "Parameter instType can not be empty.");
        }

        return Ok(w =>
        {
            if (type != "SPOT")
            {
                return;
            }

            foreach (var pair in Runtime.Markets.UsdtPairs)
            {
                w.WriteStartObject();
                w.WriteString("instType", "SPOT");
                w.WriteString("instId", pair.Base + "-" + pair.Quote);
                w.WriteString("uly", "");
                w.WriteString("instFamily", "");
                w.WriteString("baseCcy", pair.Base);
                w.WriteString("quoteCcy", pair.Quote);
                w.WriteString("settleCcy", "");
                w.WriteString("ctVal", "");
                w.WriteString("ctMult", "");
                w.WriteString("ctValCcy", "");
                w.WriteString("optType", "");
                w.WriteString("stk", "");
                w.WriteString("listTime", "1606468572000");
                w.WriteString("expTime", "");
                w.WriteString("lever", "10");
                w.WriteString("tickSz", "0.01");
                w.WriteString("lotSz", "0.00000001");
                w.WriteString("minSz", "0.00001");
                w.WriteString("ctType", "");
                w.WriteString("alias", "");
                w.WriteString("state", "live");
                w.WriteString("maxLmtSz", "9999999999");
                w.WriteString("maxMktSz", "1000000");
                w.WriteString("ruleType", "normal");
                w.WriteEndObject();
            }
        });
    }

    private sealed record Refusal(SimResponse? Response);
}
