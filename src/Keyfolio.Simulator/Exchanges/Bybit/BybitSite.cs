using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Simulator.Accounts;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;
using Keyfolio.Simulator.Markets;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges.Bybit;

/// <summary>
/// Bybit API v5 (https://bybit-exchange.github.io/docs/v5/guide): headers <c>X-BAPI-API-KEY</c>, <c>X-BAPI-TIMESTAMP</c>
/// (ms), <c>X-BAPI-RECV-WINDOW</c> (default 5000) and <c>X-BAPI-SIGN</c>, a hex HMAC-SHA256 over timestamp + key +
/// recv window + the query (or body) as sent; accepted while <c>server − recvWindow ≤ timestamp &lt; server + 1000</c>.
/// Refusals are <c>{"retCode":…}</c> envelopes with HTTP 200; limits per UID per endpoint in one-second windows with
/// <c>X-Bapi-Limit*</c> headers, and 600 requests in 5 s per IP, over which the address gets HTTP 403.
/// </summary>
internal sealed class BybitSite(SimulatorRuntime runtime, string site) : ExchangeSite(runtime, site)
{
    // Bybit V5, "Rate Limit Rules": https://bybit-exchange.github.io/docs/v5/rate-limit
    private static readonly RateLimitRule IpRule = new("bybit.ip", 600, TimeSpan.FromSeconds(5), RateScope.Ip);
    private static readonly RateLimitRule WalletBalanceRule = new("bybit.wallet-balance", 50, TimeSpan.FromSeconds(1), RateScope.Uid);
    private static readonly RateLimitRule AccountInfoRule = new("bybit.account-info", 50, TimeSpan.FromSeconds(1), RateScope.Uid);
    private static readonly RateLimitRule CoinsBalanceRule = new("bybit.coins-balance", 5, TimeSpan.FromSeconds(1), RateScope.Uid);
    private static readonly RateLimitRule QueryApiRule = new("bybit.query-api", 10, TimeSpan.FromSeconds(1), RateScope.Uid);

    /// <summary>The Earn pages state no limit; counted like Earn's fixed-term position (10/s).</summary>
    private static readonly RateLimitRule EarnRule = new("bybit.earn", 10, TimeSpan.FromSeconds(1), RateScope.Uid);

    /// <summary>"Get Fixed Term Position": 10/s per UID (https://bybit-exchange.github.io/docs/v5/finance/earn/fixed-saving/position).</summary>
    private static readonly RateLimitRule FixedTermRule = new("bybit.earn-fixed-term", 10, TimeSpan.FromSeconds(1), RateScope.Uid);

    /// <summary>Endpoints outside the table (the coin list clients load).</summary>
    private static readonly RateLimitRule OtherRule = new("bybit.other", 10, TimeSpan.FromSeconds(1), RateScope.Uid);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "bybit",
        DisplayName = "Bybit",

        // unified: the Unified Trading Account; funding: FUND; earn and onchain: Earn's Flexible Savings and On-Chain
        // Earn; fixedterm: Earn's Fixed-Term Savings; contract: a UTA 1.0 account's inverse wallet; spot: a classic
        // account's spot wallet (with contract).
        Wallets = ["unified", "funding", "earn", "onchain", "fixedterm", "contract", "spot"],
        RateLimits = [IpRule, WalletBalanceRule, AccountInfoRule, CoinsBalanceRule, QueryApiRule, EarnRule, FixedTermRule, OtherRule],
        CreateSite = (runtime, site) => new BybitSite(runtime, site),
    };

    private const int DefaultRecvWindow = 5000;

    public override string? PeekApiKey(SimRequest request) => request.Header("X-BAPI-API-KEY");

    public override SimResponse Handle(SimRequest request)
    {
        if (request.Method != "GET")
        {
            return NotFound();
        }

        // "403: you send GET request with an empty json body" (https://bybit-exchange.github.io/docs/v5/error).
        if (request.Body.Length > 0)
        {
            return SimResponse.Raw(403, "", "text/plain");
        }

        return request.Path switch
        {
            "/v5/market/time" => Public(request, _ => Ok(w =>
            {
                var now = Now;
                w.WriteString("timeSecond", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("timeNano", ((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture));
            })),
            "/v5/market/tickers" => Public(request, Tickers),
            "/v5/market/instruments-info" => Public(request, Instruments),
            "/v5/account/wallet-balance" => Private(request, WalletBalanceRule, WalletBalance),
            "/v5/account/info" => Private(request, AccountInfoRule, AccountInfo),
            "/v5/asset/transfer/query-account-coins-balance" => Private(request, CoinsBalanceRule, FundingBalance),
            "/v5/earn/position" => Private(request, EarnRule, EarnPosition),
            "/v5/earn/fixed-term/position" => Private(request, FixedTermRule, FixedTermPosition),
            "/v5/user/query-api" => Private(request, QueryApiRule, QueryApi),
            "/v5/asset/coin/query-info" => Private(request, OtherRule, CoinInfo),
            _ => NotFound(),
        };
    }

    /// <summary>HTTP 429, Bybit's "system level frequency protection" (https://bybit-exchange.github.io/docs/v5/error).</summary>
    public override SimResponse TooManyRequests(int retryAfterSeconds) =>
        Envelope(429, 10006, "Too many visits!", null)
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Bapi-Limit-Status", "0")
            .WithHeader("X-Bapi-Limit-Reset-Timestamp", Now.AddSeconds(retryAfterSeconds).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public override SimResponse InternalError() => Envelope(500, 10016, "Server error.", null);

    public override SimResponse Maintenance() => Envelope(503, 10016, "Server error.", null);

    /// <summary>US and Mainland-China addresses get CloudFront's HTTP 403 page, not Bybit's JSON (https://bybit-exchange.github.io/docs/v5/guide).</summary>
    public override SimResponse RestrictedLocation() => SimResponse.Raw(403, CloudFrontBlock, SimResponse.Html);

    private const string CloudFrontBlock =
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n" +
        "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n" +
        "<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\n" +
        "The Amazon CloudFront distribution is configured to block access from your country.\n</BODY></HTML>\n";

    private SimResponse Public(SimRequest request, Func<SimRequest, SimResponse> answer)
    {
        var decision = Count(IpRule, request, null, "all");
        return decision.Allowed ? answer(request) : IpTooFrequent();
    }

    /// <summary>An address over the IP limit: HTTP 403 "access too frequent" (same page, "IP Limit").</summary>
    private static SimResponse IpTooFrequent() => SimResponse.Raw(403, "access too frequent", "text/plain");

    private SimResponse Private(SimRequest request, RateLimitRule rule, Func<SimRequest, SimAccount, SimResponse> answer)
    {
        if (!Count(IpRule, request, null, "all").Allowed)
        {
            return IpTooFrequent();
        }

        var apiKey = request.Header("X-BAPI-API-KEY");
        var sign = request.Header("X-BAPI-SIGN");
        var timestampText = request.Header("X-BAPI-TIMESTAMP");
        var windowText = request.Header("X-BAPI-RECV-WINDOW");

        // "401: need to put authentication params in the request header" (https://bybit-exchange.github.io/docs/v5/error).
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(sign) || string.IsNullOrEmpty(timestampText))
        {
            return SimResponse.Raw(401, "", "text/plain");
        }

        var account = Runtime.Accounts.Find(Exchange, apiKey);
        if (account is null || account.Revoked)
        {
            return Envelope(200, 10003, "API key is invalid.", null);
        }

        if (account.IsExpired(Now))
        {
            return Envelope(200, 33004, "Your api key has expired", null);
        }

        var window = windowText is null ? DefaultRecvWindow : int.TryParse(windowText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        var serverTime = Now.ToUnixTimeMilliseconds();
        if (window <= 0 || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || timestamp < serverTime - window || timestamp >= serverTime + 1000)
        {
            return Envelope(200, 10002,
                $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{timestampText}],server_timestamp[{serverTime}],recv_window[{windowText ?? DefaultRecvWindow.ToString(CultureInfo.InvariantCulture)}]",
                null);
        }

        // The string signed names the window only when the header is sent (guide: "[recv_window]").
        var payload = request.Method == "GET" ? request.RawQuery : FormEncoding.Text(request.Body);
        if (!Signatures.HexMatches(HashAlgorithmName.SHA256, account.SecretKey, timestampText + apiKey + (windowText ?? "") + payload, sign))
        {
            return Envelope(200, 10004, "Error sign, please check your signature generation algorithm.", null);
        }

        if (!account.AllowsAddress(request.ClientIp))
        {
            return Envelope(200, 10010, "Unmatched IP, please check your API key's bound IP addresses.", null);
        }

        if (!account.Can("read"))
        {
            return Envelope(200, 10005, "Permission denied, please check your API key permissions.", null);
        }

        var decision = Count(rule, request, account, request.Path);
        var response = decision.Allowed ? answer(request, account) : Envelope(200, 10006, "Too many visits!", null);
        return response
            .WithHeader("X-Bapi-Limit", decision.Limit.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Bapi-Limit-Status", decision.Remaining.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Bapi-Limit-Reset-Timestamp", (decision.Allowed ? Now : decision.ResetAt).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>unifiedMarginStatus: 1 classic (spot balances), 3 UTA 1.0 (contract balances), else 5 UTA 2.0.</summary>
    private static int Mode(SimAccount account) =>
        account.Config.Balances.Any(b => b.Wallet == "spot") ? 1
        : account.Config.Balances.Any(b => b.Wallet == "contract") ? 3
        : 5;

    private decimal UsdPrice(string asset) =>
        asset is "USD" ? 1m : Runtime.Config.Prices.TryGetValue(asset, out var price) ? price : 0m;

    /// <summary><c>GET /v5/account/wallet-balance?accountType=UNIFIED|CONTRACT|SPOT[&amp;coin=A,B]</c>
    /// (https://bybit-exchange.github.io/docs/v5/account/wallet-balance); no liabilities, so equity is the wallet balance.</summary>
    private SimResponse WalletBalance(SimRequest request, SimAccount account)
    {
        var type = request.Query.GetValueOrDefault("accountType");
        var mode = Mode(account);
        var wallet = (type, mode) switch
        {
            ("UNIFIED", not 1) => "unified",
            ("CONTRACT", 1 or 3) => "contract",
            ("SPOT", 1) => "spot",
            _ => null,
        };
        if (wallet is null)
        {
            return Envelope(200, 10001, "Request parameter error.", null);
        }

        var coins = request.Query.TryGetValue("coin", out var list) && list.Length > 0 ? new HashSet<string>(list.Split(','), StringComparer.Ordinal) : null;
        var balances = account.Config.Balances.Where(b => b.Wallet == wallet && (coins is null || coins.Contains(b.Asset))).ToList();
        var total = MarketBook.Format(balances.Sum(b => (b.Free + b.Locked) * UsdPrice(b.Asset)));
        var unified = wallet == "unified";
        return Ok(w =>
        {
            w.WriteStartArray("list");
            w.WriteStartObject();
            w.WriteString("accountType", type);
            w.WriteString("accountIMRate", unified ? "0" : "");
            w.WriteString("accountMMRate", unified ? "0" : "");
            w.WriteString("totalEquity", unified ? total : "");
            w.WriteString("totalWalletBalance", unified ? total : "");
            w.WriteString("totalMarginBalance", unified ? total : "");
            w.WriteString("totalAvailableBalance", unified ? total : "");
            w.WriteString("totalPerpUPL", unified ? "0" : "");
            w.WriteString("totalInitialMargin", unified ? "0" : "");
            w.WriteString("totalMaintenanceMargin", unified ? "0" : "");
            w.WriteString("accountLTV", unified ? "0" : "");
            w.WriteStartArray("coin");
            foreach (var balance in balances)
            {
                var equity = MarketBook.Format(balance.Free + balance.Locked);
                w.WriteStartObject();
                w.WriteString("coin", balance.Asset);
                w.WriteString("equity", equity);
                w.WriteString("usdValue", MarketBook.Format((balance.Free + balance.Locked) * UsdPrice(balance.Asset)));
                w.WriteString("walletBalance", equity);
                w.WriteString("locked", MarketBook.Format(balance.Locked));
                w.WriteString("spotHedgingQty", "0");
                w.WriteString("borrowAmount", "0");
                w.WriteString("accruedInterest", "0");
                w.WriteString("totalOrderIM", "0");
                w.WriteString("totalPositionIM", "0");
                w.WriteString("totalPositionMM", "0");
                w.WriteString("unrealisedPnl", "0");
                w.WriteString("cumRealisedPnl", "0");
                w.WriteString("bonus", "0");
                w.WriteBoolean("marginCollateral", unified);
                w.WriteBoolean("collateralSwitch", unified);
                w.WriteString("spotBorrow", "0");
                w.WriteString("free", "");
                w.WriteString("availableToWithdraw", "");
                w.WriteString("availableToBorrow", "");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    /// <summary><c>GET /v5/account/info</c> (https://bybit-exchange.github.io/docs/v5/account/account-info).</summary>
    private SimResponse AccountInfo(SimRequest request, SimAccount account) => Ok(w =>
    {
        w.WriteString("marginMode", "REGULAR_MARGIN");
        w.WriteString("updatedTime", (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("unifiedMarginStatus", Mode(account));
        w.WriteString("dcpStatus", "OFF");
        w.WriteNumber("timeWindow", 10);
        w.WriteNumber("smpGroup", 0);
        w.WriteBoolean("isMasterTrader", false);
        w.WriteString("spotHedgingStatus", "OFF");
    });

    /// <summary><c>GET /v5/asset/transfer/query-account-coins-balance?accountType=FUND[&amp;coin=A,B]</c>
    /// (https://bybit-exchange.github.io/docs/v5/asset/balance/all-balance): locked funding coins cannot be transferred.</summary>
    private SimResponse FundingBalance(SimRequest request, SimAccount account)
    {
        var type = request.Query.GetValueOrDefault("accountType");
        if (type != "FUND")
        {
            return Envelope(200, 10001, "Request parameter error.", null);
        }

        var coins = request.Query.TryGetValue("coin", out var list) && list.Length > 0 ? new HashSet<string>(list.Split(','), StringComparer.Ordinal) : null;
        return Ok(w =>
        {
            w.WriteString("memberId", account.Uid);
            w.WriteString("accountType", "FUND");
            w.WriteStartArray("balance");
            foreach (var balance in account.Config.Balances.Where(b => b.Wallet == "funding" && (coins is null || coins.Contains(b.Asset))))
            {
                w.WriteStartObject();
                w.WriteString("coin", balance.Asset);
                w.WriteString("transferBalance", MarketBook.Format(balance.Free));
                w.WriteString("walletBalance", MarketBook.Format(balance.Free + balance.Locked));
                w.WriteString("bonus", "");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, "success");
    }

    /// <summary><c>GET /v5/earn/position?category=FlexibleSaving|OnChain[&amp;coin=]</c>, which needs the Earn scope
    /// (https://bybit-exchange.github.io/docs/v5/finance/earn/easy-onchain/position).</summary>
    private SimResponse EarnPosition(SimRequest request, SimAccount account)
    {
        var wallet = request.Query.GetValueOrDefault("category") switch
        {
            "FlexibleSaving" => "earn",
            "OnChain" => "onchain",
            _ => null,
        };
        if (wallet is null)
        {
            return Envelope(200, 10001, "Request parameter error.", null);
        }

        var coin = request.Query.GetValueOrDefault("coin");
        var id = 100;
        return Ok(w =>
        {
            w.WriteStartArray("list");
            foreach (var balance in account.Config.Balances.Where(b => b.Wallet == wallet && (coin is null || b.Asset == coin)))
            {
                var onChain = wallet == "onchain";
                w.WriteStartObject();
                w.WriteString("coin", balance.Asset);
                w.WriteString("productId", onChain ? "8" : "1");
                w.WriteString("amount", MarketBook.Format(balance.Free + balance.Locked));
                w.WriteString("totalPnl", onChain ? "0" : "");
                w.WriteString("claimableYield", onChain ? "" : "0");
                w.WriteString("id", onChain ? (id++).ToString(CultureInfo.InvariantCulture) : "");
                w.WriteString("status", onChain ? "Active" : "");
                w.WriteString("orderId", "");
                w.WriteString("estimateRedeemTime", "");
                w.WriteString("estimateStakeTime", "");
                w.WriteString("estimateInterestCalculationTime", "");
                w.WriteString("settlementTime", "");
                w.WriteString("autoReinvest", onChain ? "Enable" : "");
                w.WriteString("availableAmount", MarketBook.Format(balance.Free));
                w.WriteStartArray("freezeDetails");
                if (balance.Locked > 0)
                {
                    w.WriteStartObject();
                    w.WriteString("amount", MarketBook.Format(balance.Locked));
                    w.WriteString("description", "Locked in Fixed-Rate Loan");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, "");
    }

    /// <summary><c>GET /v5/earn/fixed-term/position[?productId=&amp;category=&amp;coin=]</c>, which needs the Earn scope: the
    /// account's <c>fixedterm</c> balances as active 30-day Fixed-Term Savings positions
    /// (https://bybit-exchange.github.io/docs/v5/finance/earn/fixed-saving/position).</summary>
    private SimResponse FixedTermPosition(SimRequest request, SimAccount account)
    {
        var category = request.Query.GetValueOrDefault("category");
        var coin = request.Query.GetValueOrDefault("coin");
        var id = 4000;
        return Ok(w =>
        {
            w.WriteStartArray("list");
            foreach (var balance in account.Config.Balances.Where(b => b.Wallet == "fixedterm" && (coin is null || b.Asset == coin) && category is (null or "FixedTermSaving")))
            {
                var amount = MarketBook.Format(balance.Free + balance.Locked);
                w.WriteStartObject();
                w.WriteString("positionId", (id++).ToString(CultureInfo.InvariantCulture));
                w.WriteString("productId", "724");
                w.WriteString("category", "FixedTermSaving");
                w.WriteString("coin", balance.Asset);
                w.WriteString("amount", amount);
                w.WriteString("effectiveAmount", amount);
                w.WriteString("duration", "30d");
                w.WriteString("status", "Active");
                w.WriteString("settlementTime", Now.AddDays(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("createdAt", Now.AddDays(-1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("orderId", "");
                w.WriteNull("earlyRedeemInfo");
                w.WriteBoolean("allowAutoReinvest", false);
                w.WriteString("autoReinvest", "Disable");
                w.WriteStartArray("interestCoinApyList");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, "");
    }

    /// <summary>
    /// <c>GET /v5/user/query-api</c> (https://bybit-exchange.github.io/docs/v5/user/apikey-info), the rights rendered per
    /// docs/exchange-permissions.md: a key with only <c>read</c> is Read-Only with every read scope listed; a key with a
    /// write right is Read-Write with only the scopes it may write. <c>ips</c> is <c>["*"]</c> for an unbound key.
    /// <c>expiredAt</c> and <c>deadlineDay</c> give the configured expiry (Bybit's 90-day rule for unbound keys is
    /// modelled by configuring one), else Bybit's form for a key without expiry (<c>-2</c>, 1970-01-01).
    /// </summary>
    private SimResponse QueryApi(SimRequest request, SimAccount account)
    {
        var config = account.Config;
        var created = config.CreatedAt ?? Now;
        var bound = config.IpWhitelist.Count > 0;
        var expires = config.ExpiresAt;

        var readWrite = account.Can("spot") || account.Can("margin") || account.Can("futures") || account.Can("withdraw") || account.Can("transfer");
        var read = account.Can("read") && !readWrite;
        string[] Scopes(bool granted, params string[] names) => granted ? names : [];
        return Ok(w =>
        {
            w.WriteString("id", account.Uid + "01");
            w.WriteString("note", config.Label ?? "");
            w.WriteString("apiKey", account.ApiKey);
            w.WriteNumber("readOnly", readWrite ? 0 : 1);
            w.WriteString("secret", "");
            w.WriteStartObject("permissions");
            WriteScopes(w, "ContractTrade", Scopes(read || account.Can("futures"), "Order", "Position"));
            WriteScopes(w, "Spot", Scopes(read || account.Can("spot") || account.Can("margin"), "SpotTrade"));
            WriteScopes(w, "Wallet", [.. Scopes(read || account.Can("transfer"), "AccountTransfer", "SubMemberTransfer"), .. Scopes(account.Can("withdraw"), "Withdraw")]);
            WriteScopes(w, "Options", Scopes(read || account.Can("futures"), "OptionsTrade"));
            WriteScopes(w, "Derivatives", Scopes(read || account.Can("futures"), "DerivativesTrade"));
            WriteScopes(w, "Exchange", Scopes(read, "ExchangeHistory"));
            WriteScopes(w, "Earn", Scopes(read, "Earn"));
            foreach (var group in new[] { "FiatP2P", "FiatBitPay", "FiatConvertBroker", "BitCard", "ByXPost", "Affiliate", "BlockTrade", "NFT", "CopyTrading" })
            {
                WriteScopes(w, group, []);
            }

            w.WriteEndObject();
            w.WriteStartArray("ips");
            foreach (var ip in bound ? config.IpWhitelist : ["*"])
            {
                w.WriteStringValue(ip);
            }

            w.WriteEndArray();
            w.WriteNumber("type", 1);
            w.WriteNumber("deadlineDay", expires is { } at ? Math.Max(0, (int)Math.Ceiling((at - Now).TotalDays)) : -2);
            w.WriteString("expiredAt", Iso(expires ?? DateTimeOffset.UnixEpoch));
            w.WriteString("createdAt", Iso(created));
            w.WriteNumber("unified", 0);
            w.WriteNumber("uta", Mode(account) == 1 ? 0 : 1);
            w.WriteNumber("userID", long.Parse(account.Uid, CultureInfo.InvariantCulture));
            w.WriteNumber("inviterID", 0);
            w.WriteString("vipLevel", "No VIP");
            w.WriteString("mktMakerLevel", "0");
            w.WriteNumber("affiliateID", 0);
            w.WriteString("rsaPublicKey", "");
            w.WriteBoolean("isMaster", config.MainUid is null || config.MainUid == config.Uid);
            w.WriteString("parentUid", config.MainUid is null || config.MainUid == config.Uid ? "0" : config.MainUid);
            w.WriteString("kycLevel", "LEVEL_1");
            w.WriteString("kycRegion", "");
        }, "");
    }

    private static void WriteScopes(Utf8JsonWriter w, string group, IEnumerable<string> scopes)
    {
        w.WriteStartArray(group);
        foreach (var scope in scopes)
        {
            w.WriteStringValue(scope);
        }

        w.WriteEndArray();
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>GET /v5/asset/coin/query-info</c> (https://bybit-exchange.github.io/docs/v5/asset/coin-info): the coins clients load.</summary>
    private SimResponse CoinInfo(SimRequest request, SimAccount account) => Ok(w =>
    {
        w.WriteStartArray("rows");
        foreach (var asset in Runtime.Markets.Assets)
        {
            w.WriteStartObject();
            w.WriteString("name", asset);
            w.WriteString("coin", asset);
            w.WriteString("remainAmount", "1000000");
            w.WriteStartArray("chains");
            w.WriteStartObject();
            w.WriteString("chainType", asset);
            w.WriteString("confirmation", "12");
            w.WriteString("withdrawFee", "0.0001");
            w.WriteString("depositMin", "0");
            w.WriteString("withdrawMin", "0.001");
            w.WriteString("chain", asset);
            w.WriteString("chainDeposit", "1");
            w.WriteString("chainWithdraw", "1");
            w.WriteString("minAccuracy", "8");
            w.WriteString("withdrawPercentageFee", "0");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }, "");

    /// <summary><c>GET /v5/market/tickers?category=spot[&amp;symbol=]</c> (https://bybit-exchange.github.io/docs/v5/market/tickers):
    /// every USDT pair, with <c>usdIndexPrice</c> the configured USD price.</summary>
    private SimResponse Tickers(SimRequest request)
    {
        var category = request.Query.GetValueOrDefault("category");
        if (category is null)
        {
            return Envelope(200, 10001, "Request parameter error.", null);
        }

        var symbol = request.Query.GetValueOrDefault("symbol");
        var pairs = category == "spot" ? Runtime.Markets.UsdtPairs.Where(p => symbol is null || p.Base + p.Quote == symbol).ToList() : [];
        return Ok(w =>
        {
            w.WriteString("category", category);
            w.WriteStartArray("list");
            foreach (var pair in pairs)
            {
                var price = MarketBook.Format(pair.Price);
                w.WriteStartObject();
                w.WriteString("symbol", pair.Base + pair.Quote);
                w.WriteString("bid1Price", price);
                w.WriteString("bid1Size", "1");
                w.WriteString("ask1Price", price);
                w.WriteString("ask1Size", "1");
                w.WriteString("lastPrice", price);
                w.WriteString("prevPrice24h", price);
                w.WriteString("price24hPcnt", "0");
                w.WriteString("highPrice24h", price);
                w.WriteString("lowPrice24h", price);
                w.WriteString("turnover24h", "0");
                w.WriteString("volume24h", "0");
                w.WriteString("usdIndexPrice", MarketBook.Format(UsdPrice(pair.Base)));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary><c>GET /v5/market/instruments-info?category=…</c> (https://bybit-exchange.github.io/docs/v5/market/instrument):
    /// the spot pairs; derivatives and options list nothing, so clients that load every market still start.</summary>
    private SimResponse Instruments(SimRequest request)
    {
        var category = request.Query.GetValueOrDefault("category");
        if (category is null)
        {
            return Envelope(200, 10001, "Request parameter error.", null);
        }

        return Ok(w =>
        {
            w.WriteString("category", category);
            w.WriteStartArray("list");
            foreach (var pair in category == "spot" ? Runtime.Markets.UsdtPairs : [])
            {
                w.WriteStartObject();
                w.WriteString("symbol", pair.Base + pair.Quote);
                w.WriteString("baseCoin", pair.Base);
                w.WriteString("quoteCoin", pair.Quote);
                w.WriteString("innovation", "0");
                w.WriteString("status", "Trading");
                w.WriteString("marginTrading", "both");
                w.WriteString("stTag", "0");
                w.WriteStartObject("lotSizeFilter");
                w.WriteString("basePrecision", "0.000001");
                w.WriteString("quotePrecision", "0.00000001");
                w.WriteString("minOrderQty", "0.000048");
                w.WriteString("maxOrderQty", "71.73956243");
                w.WriteString("minOrderAmt", "1");
                w.WriteString("maxOrderAmt", "2000000");
                w.WriteEndObject();
                w.WriteStartObject("priceFilter");
                w.WriteString("tickSize", "0.01");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("nextPageCursor", "");
        });
    }

    private SimResponse Ok(Action<Utf8JsonWriter> writeResult, string message = "OK") => Envelope(200, 0, message, writeResult);

    /// <summary>Bybit's common envelope (guide, "Common response parameters"): retCode, retMsg, result ({} on a refusal),
    /// retExtInfo, time.</summary>
    private SimResponse Envelope(int status, int retCode, string retMsg, Action<Utf8JsonWriter>? writeResult) => SimResponse.Write(status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode", retCode);
        w.WriteString("retMsg", retMsg);
        w.WriteStartObject("result");
        writeResult?.Invoke(w);
        w.WriteEndObject();
        w.WriteStartObject("retExtInfo");
        w.WriteEndObject();
        w.WriteNumber("time", Now.ToUnixTimeMilliseconds());
        w.WriteEndObject();
    });
}
