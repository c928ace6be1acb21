using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Kucoin;

/// <summary>
/// KuCoin (api.kucoin.com, with the futures host api-futures.kucoin.com served on the same port): headers
/// <c>KC-API-KEY</c>, <c>KC-API-TIMESTAMP</c> (ms, within 5 s), <c>KC-API-SIGN</c> = Base64 HMAC-SHA256 over timestamp,
/// method, path with the decoded query and body, <c>KC-API-PASSPHRASE</c> = Base64 HMAC-SHA256 of the passphrase
/// (key versions 2 and 3), and weights counted in resource pools over 30 s, private ones per uid
/// (https://www.kucoin.com/docs-new/authentication, https://www.kucoin.com/docs-new/rate-limit).
/// </summary>
internal sealed class KucoinSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly RateLimitRule SpotPool = new("kucoin.spot", 4000, Window, RateScope.Uid);
    private static readonly RateLimitRule FuturesPool = new("kucoin.futures", 2000, Window, RateScope.Uid);
    private static readonly RateLimitRule ManagementPool = new("kucoin.management", 2000, Window, RateScope.Uid);
    private static readonly RateLimitRule EarnPool = new("kucoin.earn", 2000, Window, RateScope.Uid);
    private static readonly RateLimitRule PublicPool = new("kucoin.public", 2000, Window, RateScope.Ip);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "kucoin",
        DisplayName = "KuCoin",
        Wallets = ["trade", "main", "margin", "isolated", "futures", "earn", "staking"],
        RequiresPassphrase = true,
        RateLimits = [SpotPool, FuturesPool, ManagementPool, EarnPool, PublicPool],
        CreateSite = (runtime, site) => new KucoinSite(runtime, site),
    };

    public override string? PeekApiKey(SimRequest request) => request.Header("KC-API-KEY");

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method != "GET")
        {
            return RouteNotFound();
        }

        return request.Path switch
        {
            "/api/v1/timestamp" => Public(request, 3, _ => Ok(w => w.WriteNumberValue(Now.ToUnixTimeMilliseconds()))),
            "/api/v1/market/allTickers" => Public(request, 15, AllTickers),
            "/api/v2/symbols" => Public(request, 4, Symbols),
            "/api/v3/currencies" => Public(request, 3, Currencies),
            "/api/v1/prices" => Public(request, 3, FiatPrices),

            // Margin and futures markets list nothing, so clients that load every market still start.
            "/api/v3/margin/symbols" => Public(request, 3, _ => Ok(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("timestamp", Now.ToUnixTimeMilliseconds());
                w.WriteStartArray("items");
                w.WriteEndArray();
                w.WriteEndObject();
            })),
            "/api/v1/isolated/symbols" or "/api/v1/contracts/active" => Public(request, 3, _ => Ok(w =>
            {
                w.WriteStartArray();
                w.WriteEndArray();
            })),
            "/api/v1/accounts" => Private(request, ManagementPool, 5, Accounts),
            "/api/v1/hf/accounts/opened" => Private(request, SpotPool, 30, (_, _) => Ok(w => w.WriteBooleanValue(false))),
            "/api/v3/margin/accounts" => Private(request, SpotPool, 15, CrossMargin),
            "/api/v3/isolated/accounts" => Private(request, SpotPool, 15, IsolatedMargin),
            "/api/v1/account-overview" => Private(request, FuturesPool, 5, FuturesOverview),
            "/api/v1/earn/hold-assets" => Private(request, EarnPool, 5, EarnHoldings),
            "/api/v1/user/api-key" => Private(request, ManagementPool, 20, ApiKeyInfo),
            "/api/v2/user-info" => Private(request, ManagementPool, 20, UserInfo),
            "/api/v2/sub-accounts" => Private(request, ManagementPool, 20, (r, a) => Master(a, () => SubAccountList(r, a))),
            "/api/v1/account-overview-all" => Private(request, FuturesPool, 6, (r, a) => Master(a, () => SubAccountFutures(r, a))),
            _ => RouteNotFound(),
        };
    }

    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Error(429, "429000", "Too Many Requests")
            .WithHeader("gw-ratelimit-remaining", "0")
            .WithHeader("gw-ratelimit-reset", (retryAfterSeconds * 1000L).ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Error(500, "500000", "Internal Server Error");

    public override SimResponse Maintenance() => Error(503, "503000", "Service Unavailable");

    public override SimResponse RestrictedLocation() =>
        Error(451, "400302", "Based on your IP, services are unavailable in your region due to regulations. Please contact support.");

    private static SimResponse RouteNotFound() => SimResponse.Write(404, w =>
    {
        w.WriteStartObject();
        w.WriteString("code", "404");
        w.WriteString("msg", "Not Found");
        w.WriteBoolean("retry", false);
        w.WriteBoolean("success", false);
        w.WriteEndObject();
    });

    private static SimResponse Error(int status, string code, string message) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("msg", message);
        w.WriteEndObject();
    });

    private static SimResponse Ok(Action<Utf8JsonWriter> writeData) => SimResponse.Write(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("code", "200000");
        w.WritePropertyName("data");
        writeData(w);
        w.WriteEndObject();
    });

    private SimResponse Public(SimRequest request, int weight, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(PublicPool, request, null, "pool", weight);
        return WithLimitHeaders(decision.Allowed ? answer(request) : TooManyRequests(RetryAfter(decision)), decision);
    }

    /// <summary>The checks in KuCoin's order: headers, key, timestamp, version, passphrase, signature, IP, permission, then the pool.</summary>
    private SimResponse Private(SimRequest request, RateLimitRule pool, int weight, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        var apiKey = request.Header("KC-API-KEY");
        var sign = request.Header("KC-API-SIGN");
        var timestampText = request.Header("KC-API-TIMESTAMP");
        var passphrase = request.Header("KC-API-PASSPHRASE");
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(sign) || string.IsNullOrEmpty(timestampText) || string.IsNullOrEmpty(passphrase))
        {
            return Error(400, "400001", "Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE");
        }

        var account = Runtime.Accounts.Find(Exchange, apiKey);
        if (account is null || !IsLive(account))
        {
            return Error(401, "400003", "KC-API-KEY not exists");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(Now.ToUnixTimeMilliseconds() - timestamp) > 5000)
        {
            return Error(400, "400002", "Invalid KC-API-TIMESTAMP");
        }

        if (request.Header("KC-API-KEY-VERSION") is not ("2" or "3"))
        {
            return Error(400, "400009", "Invalid KC-API-KEY-VERSION.");
        }

        var expectedPassphrase = Convert.ToBase64String(HMACSHA256.HashData(account.SecretKey, account.PassphraseBytes));
        if (!Signatures.FixedTimeEquals(passphrase, System.Text.Encoding.UTF8.GetBytes(expectedPassphrase)))
        {
            return Error(401, "400004", "Invalid KC-API-PASSPHRASE");
        }

        var query = Uri.UnescapeDataString(request.RawQuery);
        var prehash = timestampText + request.Method + request.Path + (query.Length == 0 ? "" : "?" + query) + FormEncoding.Text(request.Body);
        if (!Signatures.Base64Matches(HashAlgorithmName.SHA256, account.SecretKey, prehash, sign))
        {
            return Error(401, "400005", "Invalid KC-API-SIGN");
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return Error(403, "400006", "Invalid request ip, the current clientIp is:" + request.ClientIp);
        }

        // Every read below needs the General permission (the futures overview included, as KuCoin's futures docs say).
        if (!account.Can("read"))
        {
            return Error(403, "400007", "Access denied, require more permission.");
        }

        var decision = Count(pool, request, account, "pool", weight);
        return WithLimitHeaders(decision.Allowed ? answer(request, account) : TooManyRequests(RetryAfter(decision)), decision);
    }

    /// <summary>Every answer carries the pool's quota, what is left, and the milliseconds until the window restarts.</summary>
    private SimResponse WithLimitHeaders(SimResponse response, RateDecision decision)
    {
        if (response.Headers.Any(h => h.Key == "gw-ratelimit-reset"))
        {
            return response.WithHeader("gw-ratelimit-limit", decision.Limit.ToString(CultureInfo.InvariantCulture));
        }

        var reset = (long)Math.Max(0, (decision.ResetAt - Runtime.Time.GetUtcNow()).TotalMilliseconds);
        return response
            .WithHeader("gw-ratelimit-limit", decision.Limit.ToString(CultureInfo.InvariantCulture))
            .WithHeader("gw-ratelimit-remaining", decision.Remaining.ToString(CultureInfo.InvariantCulture))
            .WithHeader("gw-ratelimit-reset", reset.ToString(CultureInfo.InvariantCulture));
    }

    private static IEnumerable<SimulatorBalance> In(SimAccount account, string wallet) => account.Config.Balances.Where(b => b.Wallet == wallet);

    /// <summary>
    /// The funding (<c>main</c>) and spot (<c>trade</c>) accounts, and the cross (<c>margin</c>) and <c>isolated</c> rows KuCoin
    /// still lists beside them though it calls them abandoned (KuCoin API, "Get Account List - Spot": type "main, trade,
    /// isolated (abandon), margin (abandon)"), filtered by <c>currency</c> and <c>type</c>.
    /// </summary>
    private static SimResponse Accounts(SimRequest request, SimAccount account)
    {
        var currency = request.Query.GetValueOrDefault("currency");
        var type = request.Query.GetValueOrDefault("type");
        var rows = account.Config.Balances
            .Select((balance, index) => (Balance: balance, Index: index))
            .Where(r => r.Balance.Wallet is "main" or "trade" or "margin" or "isolated" && (type is null || r.Balance.Wallet == type) && (currency is null || r.Balance.Asset == currency));
        return Ok(w =>
        {
            w.WriteStartArray();
            foreach (var (balance, index) in rows)
            {
                w.WriteStartObject();
                w.WriteString("id", account.ApiKey[..Math.Min(16, account.ApiKey.Length)] + index.ToString("x8", CultureInfo.InvariantCulture));
                w.WriteString("currency", balance.Asset);
                w.WriteString("type", balance.Wallet);
                w.WriteString("balance", MarketBook.Format(balance.Free + balance.Locked));
                w.WriteString("available", MarketBook.Format(balance.Free));
                w.WriteString("holds", MarketBook.Format(balance.Locked));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private decimal UsdPrice(string asset) =>
        asset is "USD" ? 1m : Runtime.Config.Prices.TryGetValue(asset, out var price) ? price : 0m;

    private decimal UsdtValue(IEnumerable<SimulatorBalance> balances)
    {
        var usdt = Runtime.Config.Prices.TryGetValue("USDT", out var peg) && peg > 0 ? peg : 1m;
        return balances.Sum(b => (b.Free + b.Locked) * UsdPrice(b.Asset)) / usdt;
    }

    private static void WriteMarginAsset(Utf8JsonWriter w, string currency, SimulatorBalance? balance)
    {
        w.WriteString("currency", currency);
        w.WriteString("total", MarketBook.Format(balance is null ? 0m : balance.Free + balance.Locked));
        w.WriteString("available", MarketBook.Format(balance?.Free ?? 0m));
        w.WriteString("hold", MarketBook.Format(balance?.Locked ?? 0m));
        w.WriteString("liability", "0");
        w.WriteString("liabilityPrincipal", "0");
        w.WriteString("liabilityInterest", "0");
        w.WriteString("maxBorrowSize", "0");
        w.WriteBoolean("borrowEnabled", true);
        w.WriteBoolean("transferInEnabled", true);
    }

    private SimResponse CrossMargin(SimRequest request, SimAccount account)
    {
        var balances = In(account, "margin").ToList();
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("totalAssetOfQuoteCurrency", MarketBook.Format(UsdtValue(balances)));
            w.WriteString("totalLiabilityOfQuoteCurrency", "0");
            w.WriteString("debtRatio", "0");
            w.WriteString("status", "EFFECTIVE");
            w.WriteStartArray("accounts");
            foreach (var balance in balances)
            {
                w.WriteStartObject();
                WriteMarginAsset(w, balance.Asset, balance);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Each isolated balance is the base side of its pair against USDT.</summary>
    private SimResponse IsolatedMargin(SimRequest request, SimAccount account)
    {
        var balances = In(account, "isolated").ToList();
        var symbol = request.Query.GetValueOrDefault("symbol");
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("totalAssetOfQuoteCurrency", MarketBook.Format(UsdtValue(balances)));
            w.WriteString("totalLiabilityOfQuoteCurrency", "0");
            w.WriteNumber("timestamp", Now.ToUnixTimeMilliseconds());
            w.WriteStartArray("assets");
            foreach (var balance in balances.Where(b => symbol is null || b.Asset + "-USDT" == symbol))
            {
                w.WriteStartObject();
                w.WriteString("symbol", balance.Asset + "-USDT");
                w.WriteString("status", "EFFECTIVE");
                w.WriteString("debtRatio", "0");
                w.WriteStartObject("baseAsset");
                WriteMarginAsset(w, balance.Asset, balance);
                w.WriteEndObject();
                w.WriteStartObject("quoteAsset");
                WriteMarginAsset(w, "USDT", null);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>One settlement currency per call (XBT by default, KuCoin Futures' code for bitcoin), amounts as JSON numbers.</summary>
    private static SimResponse FuturesOverview(SimRequest request, SimAccount account)
    {
        var currency = request.Query.GetValueOrDefault("currency") is { Length: > 0 } wanted ? wanted : "XBT";
        var asset = currency == "XBT" ? "BTC" : currency;
        var held = In(account, "futures").Where(b => b.Asset == asset).ToList();
        var free = held.Sum(b => b.Free);
        var locked = held.Sum(b => b.Locked);
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("accountEquity", free + locked);
            w.WriteNumber("unrealisedPNL", 0);
            w.WriteNumber("marginBalance", free + locked);
            w.WriteNumber("positionMargin", 0);
            w.WriteNumber("orderMargin", locked);
            w.WriteNumber("frozenFunds", 0);
            w.WriteNumber("availableBalance", free);
            w.WriteString("currency", currency);
            w.WriteNumber("riskRatio", 0);
            w.WriteNumber("maxWithdrawAmount", free);
            w.WriteEndObject();
        });
    }

    private static SimResponse EarnHoldings(SimRequest request, SimAccount account)
    {
        var pageSize = int.TryParse(request.Query.GetValueOrDefault("pageSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 10, 500) : 15;
        var page = int.TryParse(request.Query.GetValueOrDefault("currentPage"), NumberStyles.None, CultureInfo.InvariantCulture, out var current) ? Math.Max(1, current) : 1;
        var held = account.Config.Balances.Where(b => b.Wallet is "earn" or "staking").ToList();
        var since = (account.Config.CreatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds();
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("totalNum", held.Count);
            w.WriteNumber("totalPage", Math.Max(1, (held.Count + pageSize - 1) / pageSize));
            w.WriteNumber("currentPage", page);
            w.WriteNumber("pageSize", pageSize);
            w.WriteStartArray("items");
            foreach (var (balance, index) in held.Select((b, i) => (b, i)).Skip((page - 1) * pageSize).Take(pageSize))
            {
                var staking = balance.Wallet == "staking";
                w.WriteStartObject();
                w.WriteString("orderId", (2_000_000 + index).ToString(CultureInfo.InvariantCulture));
                w.WriteString("productId", (1_000 + index).ToString(CultureInfo.InvariantCulture));
                w.WriteString("productCategory", staking ? "STAKING" : "DEMAND");
                w.WriteString("productType", staking ? "TIME" : "DEMAND");
                w.WriteString("currency", balance.Asset);
                w.WriteString("incomeCurrency", balance.Asset);
                w.WriteString("returnRate", "0.03");
                w.WriteString("holdAmount", MarketBook.Format(balance.Free + balance.Locked));
                w.WriteString("redeemedAmount", "0");
                w.WriteString("redeemingAmount", MarketBook.Format(balance.Locked));
                w.WriteNumber("lockStartTime", since);
                if (staking)
                {
                    w.WriteNumber("lockEndTime", since + (long)TimeSpan.FromDays(30).TotalMilliseconds);
                }
                else
                {
                    w.WriteNull("lockEndTime");
                }

                w.WriteNumber("purchaseTime", since);
                w.WriteNumber("redeemPeriod", staking ? 3 : 0);
                w.WriteString("status", balance.Locked > 0 ? "REDEEMING" : "LOCKED");
                w.WriteBoolean("earlyRedeemSupported", !staking);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// "Get Account Summary Info", <c>GET /api/v2/user-info</c>: the VIP level and how many sub-accounts the account has,
    /// per kind, with the quotas (https://www.kucoin.com/docs-new/api-3470119). A sub-account's own key counts none.
    /// </summary>
    private static SimResponse UserInfo(SimRequest request, SimAccount account)
    {
        var subs = account.Config.SubAccounts;
        var margin = subs.Count(s => s.MarginOpened("margin"));
        var futures = subs.Count(s => s.FuturesOpened("futures"));
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("level", 0);
            w.WriteNumber("subQuantity", subs.Count);
            w.WriteNumber("spotSubQuantity", subs.Count);
            w.WriteNumber("marginSubQuantity", margin);
            w.WriteNumber("futuresSubQuantity", futures);
            w.WriteNumber("optionSubQuantity", 0);
            w.WriteNumber("maxSubQuantity", Math.Max(5, subs.Count));
            w.WriteNumber("maxDefaultSubQuantity", 5);
            w.WriteNumber("maxSpotSubQuantity", 0);
            w.WriteNumber("maxMarginSubQuantity", 0);
            w.WriteNumber("maxFuturesSubQuantity", 0);
            w.WriteNumber("maxOptionSubQuantity", 0);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The sub-account endpoints are for the master account: a sub-account's own key is refused with KuCoin's missing-right
    /// code, <c>400007</c> (KuCoin API, "Error Code": https://www.kucoin.com/docs-new/error-code; the endpoint pages do not
    /// say which code a sub-account's key gets).
    /// </summary>
    private static SimResponse Master(SimAccount account, Func<SimResponse> answer) =>
        account.Config.IsSubAccountKey ? Error(403, "400007", "Access denied, require more permission.") : answer();

    /// <summary>KuCoin's sub-account id: 24 hexadecimal digits (<c>63743f07e0c5230001761d08</c>), here made from the uid.</summary>
    private static string SubUserId(SimulatorSubAccount sub) =>
        long.Parse(sub.Uid!, CultureInfo.InvariantCulture).ToString("x24", CultureInfo.InvariantCulture);

    /// <summary>
    /// "Get SubAccount List - Spot Balance (V2)", <c>GET /api/v2/sub-accounts?currentPage=&amp;pageSize=</c>: <c>data {currentPage,
    /// pageSize, totalNum, totalPage, items[] {subUserId, subName, mainAccounts[], tradeAccounts[], marginAccounts[],
    /// tradeHFAccounts[]}}</c>, each balance <c>{currency, balance, available, holds, baseCurrency, baseCurrencyPrice,
    /// baseAmount, tag}</c> as strings; <c>pageSize</c> 10 to 100, 10 by default (https://www.kucoin.com/docs-new/api-3470133).
    /// </summary>
    private SimResponse SubAccountList(SimRequest request, SimAccount account)
    {
        var pageSize = int.TryParse(request.Query.GetValueOrDefault("pageSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 10, 100) : 10;
        var page = int.TryParse(request.Query.GetValueOrDefault("currentPage"), NumberStyles.None, CultureInfo.InvariantCulture, out var current) ? Math.Max(1, current) : 1;
        var subs = account.Config.SubAccounts;
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("currentPage", page);
            w.WriteNumber("pageSize", pageSize);
            w.WriteNumber("totalNum", subs.Count);
            w.WriteNumber("totalPage", Math.Max(1, (subs.Count + pageSize - 1) / pageSize));
            w.WriteStartArray("items");
            foreach (var sub in subs.Skip((page - 1) * pageSize).Take(pageSize))
            {
                w.WriteStartObject();
                w.WriteString("subUserId", SubUserId(sub));
                w.WriteString("subName", sub.Name);
                foreach (var (property, wallet) in new[] { ("mainAccounts", "main"), ("tradeAccounts", "trade"), ("marginAccounts", "margin") })
                {
                    w.WriteStartArray(property);
                    foreach (var balance in sub.Balances.Where(b => b.Wallet == wallet))
                    {
                        WriteSubAccountBalance(w, balance);
                    }

                    w.WriteEndArray();
                }

                w.WriteStartArray("tradeHFAccounts");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private void WriteSubAccountBalance(Utf8JsonWriter w, SimulatorBalance balance)
    {
        var total = balance.Free + balance.Locked;
        var btc = UsdPrice("BTC");
        w.WriteStartObject();
        w.WriteString("currency", balance.Asset);
        w.WriteString("balance", MarketBook.Format(total));
        w.WriteString("available", MarketBook.Format(balance.Free));
        w.WriteString("holds", MarketBook.Format(balance.Locked));
        w.WriteString("baseCurrency", "BTC");
        w.WriteString("baseCurrencyPrice", MarketBook.Format(btc));
        w.WriteString("baseAmount", MarketBook.Format(btc > 0 ? Math.Round(total * UsdPrice(balance.Asset) / btc, 8) : 0m));
        w.WriteString("tag", "DEFAULT");
        w.WriteEndObject();
    }

    /// <summary>
    /// "Get SubAccount List - Futures Balance (V2)", <c>GET /api/v1/account-overview-all?currency=</c> on the futures host:
    /// <c>data {summary {accountEquityTotal, …, currency}, accounts[] {accountName, accountEquity, unrealisedPNL, marginBalance,
    /// positionMargin, orderMargin, frozenFunds, availableBalance, currency}}</c> as JSON numbers, one row per sub-account
    /// that opened futures and <c>main</c> for the master, one settlement currency per call, XBT by default
    /// (https://www.kucoin.com/docs-new/api-3470134).
    /// </summary>
    private static SimResponse SubAccountFutures(SimRequest request, SimAccount account)
    {
        var currency = request.Query.GetValueOrDefault("currency") is { Length: > 0 } wanted ? wanted : "XBT";
        var asset = currency == "XBT" ? "BTC" : currency;
        var rows = account.Config.SubAccounts
            .Where(s => s.FuturesOpened("futures"))
            .Select(s => (s.Name, Held: s.Balances.Where(b => b.Wallet == "futures" && b.Asset == asset).ToList()))
            .Append((Name: "main", Held: In(account, "futures").Where(b => b.Asset == asset).ToList()))
            .ToList();
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("summary");
            WriteFuturesFigures(w, "Total", rows.SelectMany(r => r.Held));
            w.WriteString("currency", currency);
            w.WriteEndObject();
            w.WriteStartArray("accounts");
            foreach (var (name, held) in rows)
            {
                w.WriteStartObject();
                w.WriteString("accountName", name);
                WriteFuturesFigures(w, "", held);
                w.WriteString("currency", currency);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The futures figures of the balances held, each name with its suffix (<c>Total</c> in the summary).</summary>
    private static void WriteFuturesFigures(Utf8JsonWriter w, string suffix, IEnumerable<SimulatorBalance> held)
    {
        var list = held.ToList();
        var free = list.Sum(b => b.Free);
        var locked = list.Sum(b => b.Locked);
        var pnl = list.Sum(b => b.UnrealisedPnl);
        w.WriteNumber("accountEquity" + suffix, free + locked + pnl);
        w.WriteNumber("unrealisedPNL" + suffix, pnl);
        w.WriteNumber("marginBalance" + suffix, free + locked);
        w.WriteNumber("positionMargin" + suffix, 0);
        w.WriteNumber("orderMargin" + suffix, locked);
        w.WriteNumber("frozenFunds" + suffix, 0);
        w.WriteNumber("availableBalance" + suffix, free);
    }

    /// <summary>The key's info: docs/exchange-permissions.md renders the rights as KuCoin's tokens, and KuCoin hides the middle of each address.</summary>
    private static SimResponse ApiKeyInfo(SimRequest request, SimAccount account)
    {
        var config = account.Config;
        var tokens = new List<string>();
        foreach (var (right, token) in new[] { ("read", "General"), ("spot", "Spot"), ("margin", "Margin"), ("futures", "Futures"), ("transfer", "InnerTransfer"), ("withdraw", "Transfer") })
        {
            if (account.Can(right))
            {
                tokens.Add(token);
            }
        }

        var isMaster = config.MainUid is null || config.MainUid == account.Uid;
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("remark", config.Label ?? "");
            w.WriteString("apiKey", account.ApiKey);
            w.WriteNumber("apiVersion", 3);
            w.WriteString("permission", string.Join(',', tokens));
            w.WriteString("ipWhitelist", string.Join(',', config.IpWhitelist.Select(Masked)));
            w.WriteNumber("createdAt", (config.CreatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds());
            w.WriteNumber("uid", long.Parse(account.Uid, CultureInfo.InvariantCulture));
            w.WriteBoolean("isMaster", isMaster);
            if (!isMaster)
            {
                w.WriteString("subName", config.Label ?? "sub");
            }

            w.WriteEndObject();
        });
    }

    /// <summary><c>203.0.113.154</c> → <c>203.**.154</c>, as KuCoin's key info shows addresses.</summary>
    private static string Masked(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.Split('.') is { Length: 4 } parts
            ? parts[0] + ".**." + parts[3]
            : address;

    private SimResponse AllTickers(SimRequest request) => Ok(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("time", Now.ToUnixTimeMilliseconds());
        w.WriteStartArray("ticker");
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            var price = MarketBook.Format(pair.Price);
            var symbol = pair.Base + "-" + pair.Quote;
            w.WriteStartObject();
            w.WriteString("symbol", symbol);
            w.WriteString("symbolName", symbol);
            w.WriteString("buy", price);
            w.WriteString("bestBidSize", "1");
            w.WriteString("sell", price);
            w.WriteString("bestAskSize", "1");
            w.WriteString("changeRate", "0");
            w.WriteString("changePrice", "0");
            w.WriteString("high", price);
            w.WriteString("low", price);
            w.WriteString("vol", "0");
            w.WriteString("volValue", "0");
            w.WriteString("last", price);
            w.WriteString("averagePrice", price);
            w.WriteString("takerFeeRate", "0.001");
            w.WriteString("makerFeeRate", "0.001");
            w.WriteString("takerCoefficient", "1");
            w.WriteString("makerCoefficient", "1");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>GET /api/v1/prices</c>: the fiat value of one unit of each asset, as strings, in USD.</summary>
    private SimResponse FiatPrices(SimRequest request)
    {
        var wanted = request.Query.GetValueOrDefault("currencies") is { Length: > 0 } list ? new HashSet<string>(list.Split(','), StringComparer.Ordinal) : null;
        return Ok(w =>
        {
            w.WriteStartObject();
            foreach (var asset in Runtime.Markets.Assets.Where(a => (wanted is null || wanted.Contains(a)) && UsdPrice(a) > 0))
            {
                w.WriteString(asset, MarketBook.Format(UsdPrice(asset)));
            }

            w.WriteEndObject();
        });
    }

    private SimResponse Symbols(SimRequest request) => Ok(w =>
    {
        w.WriteStartArray();
        foreach (var pair in Runtime.Markets.UsdtPairs)
        {
            var symbol = pair.Base + "-" + pair.Quote;
            w.WriteStartObject();
            w.WriteString("symbol", symbol);
            w.WriteString("name", symbol);
            w.WriteString("baseCurrency", pair.Base);
            w.WriteString("quoteCurrency", pair.Quote);
            w.WriteString("feeCurrency", pair.Quote);
            w.WriteString("market", "USDS");
            w.WriteString("baseMinSize", "0.0001");
            w.WriteString("quoteMinSize", "0.1");
            w.WriteString("baseMaxSize", "10000000000");
            w.WriteString("quoteMaxSize", "99999999");
            w.WriteString("baseIncrement", "0.00000001");
            w.WriteString("quoteIncrement", "0.000001");
            w.WriteString("priceIncrement", "0.01");
            w.WriteString("priceLimitRate", "0.1");
            w.WriteString("minFunds", "0.1");
            w.WriteBoolean("isMarginEnabled", false);
            w.WriteBoolean("enableTrading", true);
            w.WriteString("feeCategory", "1");
            w.WriteString("makerFeeCoefficient", "1.00");
            w.WriteString("takerFeeCoefficient", "1.00");
            w.WriteBoolean("st", false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private SimResponse Currencies(SimRequest request) => Ok(w =>
    {
        w.WriteStartArray();
        foreach (var asset in Runtime.Markets.Assets)
        {
            w.WriteStartObject();
            w.WriteString("currency", asset);
            w.WriteString("name", asset);
            w.WriteString("fullName", asset);
            w.WriteNumber("precision", 8);
            w.WriteNull("confirms");
            w.WriteNull("contractAddress");
            w.WriteBoolean("isMarginEnabled", false);
            w.WriteBoolean("isDebitEnabled", false);
            w.WriteStartArray("chains");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
