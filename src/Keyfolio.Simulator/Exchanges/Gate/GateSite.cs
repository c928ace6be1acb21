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
    // Gate API v4, "Frequency limit rule" (https://www.gate.com/docs/developers/apiv4/en/#frequency-limit-rule): spot,
    // perpetual, delivery and options private endpoints 200r/10s per endpoint, GET /wallet/total_balance 80r/10s, "Other
    // Private endpoints" (earning, collateral, …) 150r/10s per endpoint, all per UID; public 200r/10s per endpoint per IP.
    private static readonly RateLimitRule PrivateRule = new("gate.private", 200, TimeSpan.FromSeconds(10), RateScope.Uid);
    private static readonly RateLimitRule WalletRule = new("gate.wallet", 80, TimeSpan.FromSeconds(10), RateScope.Uid);
    private static readonly RateLimitRule OtherPrivateRule = new("gate.other-private", 150, TimeSpan.FromSeconds(10), RateScope.Uid);
    private static readonly RateLimitRule PublicRule = new("gate.public", 200, TimeSpan.FromSeconds(10), RateScope.Ip);

    /// <summary>"Sub-account" private endpoints (create, list, their keys): 80r/10s per UID (same page); the wallet's
    /// sub-account balance endpoints count against <see cref="WalletRule"/>, 80r/10s each.</summary>
    private static readonly RateLimitRule SubAccountRule = new("gate.sub-account", 80, TimeSpan.FromSeconds(10), RateScope.Uid);

    /// <summary>What the simulator's shared parts know of this exchange (<see cref="SimulatedExchange"/>).</summary>
    internal static SimulatedExchange Definition { get; } = new()
    {
        Name = "gate",
        DisplayName = "Gate",
        // spot; margin: isolated margin, one BASE_USDT pair per asset (USDT on the quote side), free including what was
        // borrowed; futures: perpetual, settled in the balance's asset (usdt or btc); delivery: settled in usdt (or btc);
        // options: total = free + locked, position value = unrealisedPnl; earn: Lend & Earn (uni) lending, free lent and
        // locked frozen for redemption.
        // cross-margin: a sub-account's cross margin account, as the main account reads it (the main account's own legacy
        // cross margin is not served).
        Wallets = ["spot", "margin", "futures", "delivery", "options", "earn", "cross-margin"],
        RateLimits = [PrivateRule, WalletRule, OtherPrivateRule, SubAccountRule, PublicRule],
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
            "/api/v4/margin/accounts" => Private(request, MarginAccounts, OtherPrivateRule, "margin"),
            "/api/v4/futures/usdt/accounts" => Private(request, (r, a) => FuturesAccount(a, "futures", "USDT"), PrivateRule, "futures"),
            "/api/v4/futures/btc/accounts" => Private(request, (r, a) => FuturesAccount(a, "futures", "BTC"), PrivateRule, "futures"),
            "/api/v4/delivery/usdt/accounts" => Private(request, (r, a) => FuturesAccount(a, "delivery", "USDT"), PrivateRule, "delivery"),
            "/api/v4/delivery/btc/accounts" => Private(request, (r, a) => FuturesAccount(a, "delivery", "BTC"), PrivateRule, "delivery"),
            "/api/v4/options/accounts" => Private(request, OptionsAccount, PrivateRule, "options"),
            "/api/v4/earn/uni/lends" => Private(request, UniLends, OtherPrivateRule, "earn"),
            "/api/v4/wallet/total_balance" => Private(request, TotalBalance, WalletRule, "wallet"),
            "/api/v4/sub_accounts" => Private(request, (r, a) => Main(a, () => SubAccountList(r, a)), SubAccountRule, "wallet"),
            "/api/v4/wallet/sub_account_balances" => Private(request, (r, a) => Main(a, () => SubAccountSpot(r, a)), WalletRule, "wallet"),
            "/api/v4/wallet/sub_account_margin_balances" => Private(request, (r, a) => Main(a, () => SubAccountMargin(r, a)), WalletRule, "wallet"),
            "/api/v4/wallet/sub_account_futures_balances" => Private(request, (r, a) => Main(a, () => SubAccountFutures(r, a)), WalletRule, "wallet"),
            "/api/v4/wallet/sub_account_cross_margin_balances" => Private(request, (r, a) => Main(a, () => SubAccountCrossMargin(r, a)), WalletRule, "wallet"),

            // Markets are spot only: margin, futures, delivery and options list nothing, so clients that load every market still start.
            "/api/v4/margin/currency_pairs" or "/api/v4/options/underlyings" => Public(request, _ => EmptyList()),
            var path when (path.StartsWith("/api/v4/futures/", StringComparison.Ordinal) || path.StartsWith("/api/v4/delivery/", StringComparison.Ordinal))
                && path.EndsWith("/contracts", StringComparison.Ordinal) => Public(request, _ => EmptyList()),
            "/api/v4/account/detail" => Private(request, Detail, PrivateRule, "account"),
            "/api/v4/account/main_keys" => Private(request, MainKeys, PrivateRule, "account"),
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

    private SimResponse Private(SimRequest request, Func<SimRequest, SimAccount, SimResponse> answer) => Private(request, answer, PrivateRule, "spot");

    /// <summary>A signed read counted against <paramref name="rule"/>; a key whose read right of the wallet's group is off
    /// gets Gate's missing-right refusal (<c>FORBIDDEN</c>), the other groups read as usual.</summary>
    private SimResponse Private(SimRequest request, Func<SimRequest, SimAccount, SimResponse> answer, RateLimitRule rule, string wallet)
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

        if (!account.CanRead(wallet))
        {
            return Error(403, "FORBIDDEN", "Account has no permission to request operation");
        }

        var decision = Count(rule, request, account, request.Path);
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
        foreach (var (name, right) in new[] { ("spot", "spot"), ("margin", "margin"), ("futures", "futures"), ("delivery", "futures"), ("options", "futures"), ("earn", "transfer"), ("wallet", "transfer") })
        {
            if ((read && key.CanRead(name)) || key.Can(right))
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

    /// <summary>
    /// <c>GET /api/v4/margin/accounts[?currency_pair=]</c>: one isolated-margin pair per configured asset, <c>BASE_USDT</c>
    /// with a margin USDT balance on the quote side of the first pair; <c>available</c> includes what was borrowed
    /// (https://www.gate.com/docs/developers/apiv4/en/isolated-margin "Margin account list").
    /// </summary>
    private static SimResponse MarginAccounts(SimRequest request, SimAccount account)
    {
        var wanted = request.Query.GetValueOrDefault("currency_pair");
        return Json(w => WriteMarginPairs(w, null, account.Config.Balances, wanted));
    }

    /// <summary>The isolated-margin pairs of <paramref name="balances"/>' margin balances, as an array (named when <paramref name="name"/> is given).</summary>
    private static void WriteMarginPairs(Utf8JsonWriter w, string? name, IEnumerable<SimulatorBalance> balances, string? wanted)
    {
        var margin = balances.Where(b => b.Wallet == "margin").ToList();
        var quote = margin.FirstOrDefault(b => b.Asset == "USDT");
        var bases = margin.Where(b => b.Asset != "USDT").ToList();
        var pairs = bases.Select((b, i) => (Pair: b.Asset + "_USDT", Base: b, Quote: i == 0 ? quote : null)).ToList();
        if (bases.Count == 0 && quote is not null)
        {
            pairs.Add(("BTC_USDT", new SimulatorBalance { Wallet = "margin", Asset = "BTC" }, quote));
        }

        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var (pair, baseSide, quoteSide) in pairs.Where(p => wanted is null || p.Pair == wanted))
        {
            w.WriteStartObject();
            w.WriteString("currency_pair", pair);
            w.WriteString("account_type", "mmr");
            w.WriteString("leverage", "10");
            w.WriteBoolean("locked", false);
            w.WriteString("risk", "999");
            w.WriteString("mmr", "999");
            WriteMarginSide(w, "base", baseSide.Asset, baseSide);
            WriteMarginSide(w, "quote", "USDT", quoteSide);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteMarginSide(Utf8JsonWriter w, string side, string currency, SimulatorBalance? balance)
    {
        w.WriteStartObject(side);
        w.WriteString("currency", currency);
        w.WriteString("available", MarketBook.Format(balance?.Free ?? 0m));
        w.WriteString("locked", MarketBook.Format(balance?.Locked ?? 0m));
        w.WriteString("borrowed", MarketBook.Format(balance?.Borrowed ?? 0m));
        w.WriteString("interest", MarketBook.Format(balance?.Interest ?? 0m));
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>GET /api/v4/futures/{settle}/accounts</c> and <c>GET /api/v4/delivery/{settle}/accounts</c>: the account settled in
    /// <paramref name="settle"/>; <c>total</c> excludes unrealised PnL; an account never funded answers
    /// <c>USER_NOT_FOUND</c> (https://www.gate.com/docs/developers/apiv4/en/futures "Get futures account"; the refusal as
    /// quoted in ccxt/ccxt#13249, whose HTTP status is not documented: 400 here, like Gate's other invalid requests).
    /// </summary>
    private static SimResponse FuturesAccount(SimAccount account, string wallet, string settle)
    {
        var balance = account.Config.Balances.FirstOrDefault(b => b.Wallet == wallet && b.Asset == settle);
        if (balance is null)
        {
            return SimResponse.Write(400, w =>
            {
                w.WriteStartObject();
                w.WriteString("label", "USER_NOT_FOUND");
                w.WriteString("detail", "please transfer funds first to create futures account");
                w.WriteEndObject();
            });
        }

        return Json(w => WriteFuturesAccount(w, account.Uid, wallet, settle, balance));
    }

    /// <summary>One futures or delivery account, as <c>GET /api/v4/futures/{settle}/accounts</c> writes it.</summary>
    private static void WriteFuturesAccount(Utf8JsonWriter w, string uid, string wallet, string settle, SimulatorBalance balance)
    {
        var total = balance.Free + balance.Locked;
        w.WriteStartObject();
        w.WriteNumber("user", long.Parse(uid, CultureInfo.InvariantCulture));
        w.WriteString("currency", settle);
        w.WriteString("total", MarketBook.Format(total));
        w.WriteString("unrealised_pnl", MarketBook.Format(balance.UnrealisedPnl));
        w.WriteString("position_margin", "0");
        w.WriteString("order_margin", MarketBook.Format(balance.Locked));
        w.WriteString("available", MarketBook.Format(balance.Free));
        w.WriteString("point", "0");
        w.WriteString("bonus", "0");
        w.WriteBoolean("in_dual_mode", false);
        w.WriteBoolean("enable_evolved_classic", false);
        w.WriteString("cross_initial_margin", "0");
        w.WriteString("cross_maintenance_margin", "0");
        w.WriteString("cross_order_margin", "0");
        w.WriteString("cross_unrealised_pnl", "0");
        w.WriteString("cross_available", MarketBook.Format(balance.Free));
        w.WriteString("cross_margin_balance", MarketBook.Format(total + balance.UnrealisedPnl));
        w.WriteString("cross_mmr", "0");
        w.WriteString("cross_imr", "0");
        w.WriteString("isolated_position_margin", "0");
        w.WriteStartObject("history");
        w.WriteString("dnw", MarketBook.Format(total));
        foreach (var field in new[] { "pnl", "fee", "refr", "fund", "point_dnw", "point_fee", "point_refr", "bonus_dnw", "bonus_offset" })
        {
            w.WriteString(field, "0");
        }

        w.WriteEndObject();
        w.WriteBoolean("enable_tiered_mm", true);
        if (wallet == "futures")
        {
            w.WriteNumber("margin_mode", 0);
            w.WriteString("position_mode", "single");
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// <c>GET /api/v4/options/accounts</c>: <c>equity = total + position_value</c>; an account never opened answers
    /// <c>USER_NOT_FOUND</c> as futures does (https://www.gate.com/docs/developers/apiv4/en/options "Query account
    /// information"; the not-opened answer is not documented).
    /// </summary>
    private static SimResponse OptionsAccount(SimRequest request, SimAccount account)
    {
        var balance = account.Config.Balances.FirstOrDefault(b => b.Wallet == "options");
        if (balance is null)
        {
            return SimResponse.Write(400, w =>
            {
                w.WriteStartObject();
                w.WriteString("label", "USER_NOT_FOUND");
                w.WriteString("detail", "please transfer funds first to create options account");
                w.WriteEndObject();
            });
        }

        var total = balance.Free + balance.Locked;
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("user", long.Parse(account.Uid, CultureInfo.InvariantCulture));
            w.WriteString("currency", balance.Asset);
            w.WriteBoolean("short_enabled", false);
            w.WriteBoolean("mmp_enabled", false);
            w.WriteBoolean("liq_triggered", false);
            w.WriteNumber("margin_mode", 0);
            w.WriteString("total", MarketBook.Format(total));
            w.WriteString("position_value", MarketBook.Format(balance.UnrealisedPnl));
            w.WriteString("equity", MarketBook.Format(total + balance.UnrealisedPnl));
            w.WriteString("unrealised_pnl", MarketBook.Format(balance.UnrealisedPnl));
            w.WriteString("init_margin", "0");
            w.WriteString("maint_margin", "0");
            w.WriteString("order_margin", MarketBook.Format(balance.Locked));
            w.WriteString("ask_order_margin", "0");
            w.WriteString("bid_order_margin", MarketBook.Format(balance.Locked));
            w.WriteString("available", MarketBook.Format(balance.Free));
            w.WriteString("point", "0");
            w.WriteNumber("orders_limit", 10);
            w.WriteNumber("position_notional_limit", 1000000);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>GET /api/v4/earn/uni/lends[?currency=&amp;page=&amp;limit=]</c>: one lending order per configured balance,
    /// <c>amount</c> lent in total, the locked part frozen pending redemption; <c>limit</c> 1–100, default 100
    /// (https://www.gate.com/docs/developers/apiv4/en/earnuni "Query user's lending order list").
    /// </summary>
    private SimResponse UniLends(SimRequest request, SimAccount account)
    {
        var query = request.Query;
        var page = query.TryGetValue("page", out var p) ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0 : 1;
        var limit = query.TryGetValue("limit", out var l) ? int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0 : 100;
        if (page < 1 || limit is < 1 or > 100)
        {
            return Error(400, "INVALID_PARAM_VALUE", "Invalid page or limit");
        }

        var currency = query.GetValueOrDefault("currency");
        var created = (account.Config.CreatedAt ?? Now).ToUnixTimeMilliseconds();
        var lends = account.Config.Balances.Where(b => b.Wallet == "earn" && (string.IsNullOrEmpty(currency) || b.Asset == currency))
            .Skip((page - 1) * limit).Take(limit).ToList();
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var lend in lends)
            {
                var amount = MarketBook.Format(lend.Free + lend.Locked);
                w.WriteStartObject();
                w.WriteString("currency", lend.Asset);
                w.WriteString("current_amount", amount);
                w.WriteString("amount", amount);
                w.WriteString("lent_amount", MarketBook.Format(lend.Free));
                w.WriteString("frozen_amount", MarketBook.Format(lend.Locked));
                w.WriteString("min_rate", "0.0001");
                w.WriteString("interest_status", "interest_dividend");
                w.WriteString("reinvest_left_amount", "0");
                w.WriteNumber("create_time", created);
                w.WriteNumber("update_time", created);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// <c>GET /api/v4/wallet/total_balance[?currency=BTC|CNY|USD|USDT]</c>: each account's estimated value in the currency
    /// (USDT by default) at the configured prices, net of what margin borrowed, futures and options with their unrealised
    /// PnL (https://www.gate.com/docs/developers/apiv4/en/wallet "Query personal account totals").
    /// </summary>
    private SimResponse TotalBalance(SimRequest request, SimAccount account)
    {
        var currency = request.Query.GetValueOrDefault("currency") ?? "USDT";
        if (currency is not ("BTC" or "CNY" or "USD" or "USDT"))
        {
            return Error(400, "INVALID_PARAM_VALUE", "Invalid currency " + currency);
        }

        var unit = currency switch
        {
            "USD" => 1m,
            "CNY" => 1m / 7.2m,
            _ => UsdPrice(currency),
        };
        decimal Value(decimal amount, string asset) => unit == 0m ? 0m : amount * UsdPrice(asset) / unit;
        decimal Sum(string wallet, Func<SimulatorBalance, decimal> amount) =>
            account.Config.Balances.Where(b => b.Wallet == wallet).Sum(b => Value(amount(b), b.Asset));
        var details = new (string Name, decimal Amount, decimal? Pnl, decimal? Borrowed)[]
        {
            ("cross_margin", 0m, null, 0m),
            ("spot", Sum("spot", b => b.Free + b.Locked), null, null),
            ("finance", Sum("earn", b => b.Free + b.Locked), null, null),
            ("margin", Sum("margin", b => b.Free + b.Locked - b.Borrowed - b.Interest), null, Sum("margin", b => b.Borrowed)),
            ("quant", 0m, null, null),
            ("futures", Sum("futures", b => b.Free + b.Locked + b.UnrealisedPnl), Sum("futures", b => b.UnrealisedPnl), null),
            ("delivery", Sum("delivery", b => b.Free + b.Locked + b.UnrealisedPnl), Sum("delivery", b => b.UnrealisedPnl), null),
            ("warrant", 0m, null, null),
            ("cbbc", 0m, null, null),
            ("options", Sum("options", b => b.Free + b.Locked + b.UnrealisedPnl), Sum("options", b => b.UnrealisedPnl), null),
            ("payment", 0m, null, null),
        };
        // Rounded to 8 places, without trailing zeros.
        string Amount(decimal value) => MarketBook.Format(Math.Round(value, 8) / 1.0000000000000000000000000000m);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("details");
            foreach (var (name, amount, pnl, borrowed) in details)
            {
                w.WriteStartObject(name);
                w.WriteString("currency", currency);
                w.WriteString("amount", Amount(amount));
                if (pnl is { } upl)
                {
                    w.WriteString("unrealised_pnl", Amount(upl));
                }

                if (borrowed is { } debt)
                {
                    w.WriteString("borrowed", Amount(debt));
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("total");
            w.WriteString("currency", currency);
            w.WriteString("amount", Amount(details.Sum(d => d.Amount)));
            w.WriteString("unrealised_pnl", Amount(details.Sum(d => d.Pnl ?? 0m)));
            w.WriteString("borrowed", Amount(details.Sum(d => d.Borrowed ?? 0m)));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The sub-account endpoints are the main account's: a sub-account's own key is refused with Gate's missing-right
    /// refusal (<c>FORBIDDEN</c>; the docs do not say what such a key gets).
    /// </summary>
    private static SimResponse Main(SimAccount account, Func<SimResponse> answer) =>
        account.Config.IsSubAccountKey ? Error(403, "FORBIDDEN", "Account has no permission to request operation") : answer();

    /// <summary>
    /// "List sub-accounts", <c>GET /api/v4/sub_accounts[?type=0|1]</c>: <c>[{remark, login_name, user_id, state, type,
    /// create_time}]</c>, <c>state</c> 1 normal, 2 locked; every sub-account here is a regular one (<c>type</c> 1), listed by
    /// both <c>type</c> values (https://www.gate.com/docs/developers/apiv4/en/#list-sub-accounts).
    /// </summary>
    private static SimResponse SubAccountList(SimRequest request, SimAccount account)
    {
        if (request.Query.GetValueOrDefault("type") is { } type && type is not ("0" or "1"))
        {
            return Error(400, "INVALID_PARAM_VALUE", "Invalid parameter `type` with value: " + type);
        }

        var created = (account.Config.CreatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var sub in account.Config.SubAccounts)
            {
                w.WriteStartObject();
                w.WriteString("remark", sub.Label ?? "");
                w.WriteString("login_name", sub.Name);
                w.WriteNumber("user_id", long.Parse(sub.Uid!, CultureInfo.InvariantCulture));
                w.WriteNumber("state", sub.Frozen ? 2 : 1);
                w.WriteNumber("type", 1);
                w.WriteNumber("create_time", created);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// The sub-accounts a wallet sub-account endpoint answers for: those <c>sub_uid</c> names (comma-separated), or every
    /// one; a uid of no sub-account of this account is <c>SUB_ACCOUNT_NOT_FOUND</c> (the docs' wallet label "Sub account
    /// not found"; its HTTP status is not documented: 400 here, like Gate's other invalid requests).
    /// </summary>
    private static (IReadOnlyList<SimulatorSubAccount> Subs, SimResponse? Refusal) Selected(SimRequest request, SimAccount account)
    {
        var subs = account.Config.SubAccounts;
        if (request.Query.GetValueOrDefault("sub_uid") is not { Length: > 0 } wanted)
        {
            return (subs.ToList(), null);
        }

        var uids = wanted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return uids.All(uid => subs.Any(s => s.Uid == uid))
            ? ([.. subs.Where(s => uids.Contains(s.Uid))], null)
            : ([], Error(400, "SUB_ACCOUNT_NOT_FOUND", "Sub account not found"));
    }

    /// <summary>Writes one <c>{uid, available…}</c> row per selected sub-account, or the refusal.</summary>
    private static SimResponse SubAccountRows(SimRequest request, SimAccount account, Action<Utf8JsonWriter, SimulatorSubAccount> writeAvailable, IEnumerable<SimulatorSubAccount>? page = null)
    {
        var (subs, refusal) = Selected(request, account);
        if (refusal is not null)
        {
            return refusal;
        }

        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var sub in page ?? subs)
            {
                w.WriteStartObject();
                w.WriteString("uid", sub.Uid);
                writeAvailable(w, sub);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// "Query sub-account balance information", <c>GET /api/v4/wallet/sub_account_balances[?sub_uid=&amp;page=&amp;limit=]</c>:
    /// <c>[{uid, available{currency: amount}, locking{currency: amount}}]</c>, each sub-account's spot account, free and locked
    /// apart, every sub-account a row even with nothing held; <c>limit</c> at most 100, 100 by default
    /// (https://www.gate.com/docs/developers/apiv4/en/#query-sub-account-balance-information; <c>page</c>, <c>limit</c> and
    /// <c>locking</c> since v4.106.58 and v4.106.61).
    /// </summary>
    private static SimResponse SubAccountSpot(SimRequest request, SimAccount account)
    {
        var query = request.Query;
        var page = query.TryGetValue("page", out var p) ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0 : 1;
        var limit = query.TryGetValue("limit", out var l) ? int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0 : 100;
        if (page < 1 || limit is < 1 or > 100)
        {
            return Error(400, "INVALID_PARAM_VALUE", "Invalid page or limit");
        }

        var (subs, _) = Selected(request, account);
        return SubAccountRows(
            request,
            account,
            (w, sub) =>
            {
                var spot = sub.Balances.Where(b => b.Wallet == "spot").ToList();
                w.WriteStartObject("available");
                foreach (var balance in spot)
                {
                    w.WriteString(balance.Asset, MarketBook.Format(balance.Free));
                }

                w.WriteEndObject();
                w.WriteStartObject("locking");
                foreach (var balance in spot)
                {
                    w.WriteString(balance.Asset, MarketBook.Format(balance.Locked));
                }

                w.WriteEndObject();
            },
            subs.Skip((page - 1) * limit).Take(limit));
    }

    /// <summary>
    /// "Query sub-account isolated margin account balance information", <c>GET /api/v4/wallet/sub_account_margin_balances[?sub_uid=]</c>:
    /// <c>[{uid, available[]}]</c>, the pairs as <c>GET /margin/accounts</c> lists them
    /// (https://www.gate.com/docs/developers/apiv4/en/#query-sub-account-isolated-margin-account-balance-information).
    /// </summary>
    private static SimResponse SubAccountMargin(SimRequest request, SimAccount account) =>
        SubAccountRows(request, account, (w, sub) => WriteMarginPairs(w, "available", sub.Balances, null));

    /// <summary>
    /// "Query sub-account perpetual futures account balance information", <c>GET /api/v4/wallet/sub_account_futures_balances[?sub_uid=&amp;settle=]</c>:
    /// <c>[{uid, available{settle: account}}]</c>, each account as <c>GET /futures/{settle}/accounts</c> gives it, an empty object
    /// for a settlement currency without one (<c>"usd": {}</c> in the docs' example); every settlement currency without
    /// <c>settle</c> (https://www.gate.com/docs/developers/apiv4/en/#query-sub-account-perpetual-futures-account-balance-information).
    /// </summary>
    private static SimResponse SubAccountFutures(SimRequest request, SimAccount account)
    {
        var settle = request.Query.GetValueOrDefault("settle");
        if (settle is not null && settle is not ("usdt" or "btc" or "usd"))
        {
            return Error(400, "INVALID_PARAM_VALUE", "Invalid parameter `settle` with value: " + settle);
        }

        return SubAccountRows(request, account, (w, sub) =>
        {
            string[] keys = settle is null ? ["btc", "usd", "usdt"] : [settle];
            w.WriteStartObject("available");
            foreach (var key in keys)
            {
                var currency = key.ToUpperInvariant();
                w.WritePropertyName(key);
                if (sub.Balances.FirstOrDefault(b => b.Wallet == "futures" && b.Asset == currency) is { } balance)
                {
                    WriteFuturesAccount(w, sub.Uid!, "futures", currency, balance);
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteEndObject();
                }
            }

            w.WriteEndObject();
        });
    }

    /// <summary>
    /// "Query sub-account cross margin account balance information", <c>GET /api/v4/wallet/sub_account_cross_margin_balances[?sub_uid=]</c>:
    /// <c>[{uid, available{user_id, locked, balances{currency: {available, freeze, borrowed, interest}}, total, borrowed, net, …}}]</c>,
    /// the totals in USDT at the configured prices; <c>user_id</c> 0 for a sub-account without cross margin
    /// (https://www.gate.com/docs/developers/apiv4/en/#query-sub-account-cross-margin-account-balance-information).
    /// </summary>
    private SimResponse SubAccountCrossMargin(SimRequest request, SimAccount account)
    {
        var usdt = UsdPrice("USDT") is > 0 and var price ? price : 1m;
        return SubAccountRows(request, account, (w, sub) =>
        {
            var cross = sub.Balances.Where(b => b.Wallet == "cross-margin").ToList();
            decimal Usdt(Func<SimulatorBalance, decimal> amount) => cross.Sum(b => amount(b) * UsdPrice(b.Asset) / usdt);
            var total = Usdt(b => b.Free + b.Locked);
            var borrowed = Usdt(b => b.Borrowed);
            var interest = Usdt(b => b.Interest);
            string Figure(decimal value) => MarketBook.Format(Math.Round(value, 8) / 1.0000000000000000000000000000m);
            w.WriteStartObject("available");
            w.WriteNumber("user_id", cross.Count == 0 ? 0 : long.Parse(sub.Uid!, CultureInfo.InvariantCulture));
            w.WriteBoolean("locked", false);
            w.WriteString("total", Figure(total));
            w.WriteString("borrowed", Figure(borrowed));
            w.WriteString("interest", Figure(interest));
            w.WriteString("borrowed_net", Figure(borrowed));
            w.WriteString("net", Figure(total - borrowed - interest));
            w.WriteString("leverage", "3");
            w.WriteString("risk", borrowed + interest == 0 ? "9999.99" : Figure(total / (borrowed + interest)));
            w.WriteString("total_initial_margin", "0");
            w.WriteString("total_margin_balance", Figure(total - borrowed - interest));
            w.WriteString("total_maintenance_margin", "0");
            w.WriteString("total_initial_margin_rate", "9999.99");
            w.WriteString("total_maintenance_margin_rate", "9999.99");
            w.WriteString("total_available_margin", Figure(Usdt(b => b.Free)));
            w.WriteStartObject("balances");
            foreach (var balance in cross)
            {
                w.WriteStartObject(balance.Asset);
                w.WriteString("available", MarketBook.Format(balance.Free));
                w.WriteString("freeze", MarketBook.Format(balance.Locked));
                w.WriteString("borrowed", MarketBook.Format(balance.Borrowed));
                w.WriteString("interest", MarketBook.Format(balance.Interest));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private decimal UsdPrice(string asset) =>
        asset is "USD" ? 1m : Runtime.Config.Prices.TryGetValue(asset, out var price) ? price : 0m;

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
