using System.Text;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges.Kraken;

/// <summary>Kraken's own rules: rising nonces per key, the 2FA password as otp, the call counter, JSON bodies, extended codes.</summary>
public sealed class KrakenSiteTests
{
    private static TestKey Key => TestSimulator.Key("kraken");

    [Fact]
    public async Task A_replayed_or_smaller_nonce_is_refused_and_a_larger_one_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var origin = sim.Host.BaseUrl("kraken");

        var first = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, "1700000000123000"));
        var replay = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, "1700000000123000"));
        var smaller = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, "1700000000122999"));
        var larger = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, "1700000000123001"));

        Assert.StartsWith("{\"error\":[],\"result\":", first, StringComparison.Ordinal);
        Assert.Equal("{\"error\":[\"EAPI:Invalid nonce\"]}", replay);
        Assert.Equal("{\"error\":[\"EAPI:Invalid nonce\"]}", smaller);
        Assert.StartsWith("{\"error\":[],", larger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_once_used_with_nanosecond_nonces_refuses_millisecond_ones_and_its_info_shows_why()
    {
        await using var sim = await TestSimulator.StartAsync();
        var origin = sim.Host.BaseUrl("kraken");

        var nanoseconds = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/GetApiKeyInfo", Key, "1700000000123000000"));
        var milliseconds = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, "1700000000124"));

        Assert.Contains("\"nonce\":\"1700000000123000000\"", nanoseconds, StringComparison.Ordinal);
        Assert.Equal("{\"error\":[\"EAPI:Invalid nonce\"]}", milliseconds);
    }

    [Fact]
    public async Task A_key_with_two_factor_authentication_needs_its_password_as_otp_and_says_invalid_signature_without_it()
    {
        await using var sim = await TestSimulator.StartAsync(c =>
            c["accounts"]!.AsArray().First(a => (string?)a!["apiKey"] == Key.ApiKey)!["passphrase"] = "Static-2FA-pass");
        var origin = sim.Host.BaseUrl("kraken");

        var without = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now)));
        var wrong = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now), otp: "other"));
        var with = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now), otp: "Static-2FA-pass"));

        Assert.Equal("{\"error\":[\"EAPI:Invalid signature\"]}", without);
        Assert.Equal("{\"error\":[\"EAPI:Invalid signature\"]}", wrong);
        Assert.StartsWith("{\"error\":[],", with, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_call_counter_allows_fifteen_calls_then_refuses_until_it_has_fallen_by_one()
    {
        await using var sim = await TestSimulator.StartAsync();
        var origin = sim.Host.BaseUrl("kraken");

        for (var i = 0; i < 15; i++)
        {
            Assert.StartsWith("{\"error\":[],", await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now))), StringComparison.Ordinal);
        }

        var sixteenth = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now)));
        sim.Time.Advance(TimeSpan.FromSeconds(2));
        var tooSoon = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now)));
        sim.Time.Advance(TimeSpan.FromSeconds(1.1));
        var fallen = await BodyAsync(sim, KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now)));

        Assert.Equal("{\"error\":[\"EAPI:Rate limit exceeded\"]}", sixteenth);
        Assert.Equal("{\"error\":[\"EAPI:Rate limit exceeded\"]}", tooSoon);
        Assert.StartsWith("{\"error\":[],", fallen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_is_signed_as_sent_with_the_nonce_as_a_string()
    {
        await using var sim = await TestSimulator.StartAsync();
        const string Nonce = "1700000000123999";
        var body = "{\"nonce\":\"" + Nonce + "\"}";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.Host.BaseUrl("kraken"), "/0/private/GetApiKeyInfo"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("API-Key", Key.ApiKey);
        request.Headers.Add("API-Sign", KrakenSigner.Sign(Convert.FromBase64String(Key.Secret), "/0/private/GetApiKeyInfo", Nonce, body));

        var (_, answer, _) = await sim.SendJsonAsync(request);

        Assert.Equal(Nonce, (string?)answer!["result"]!["nonce"]);
    }

    [Fact]
    public async Task Extended_codes_name_the_earn_and_staking_wallets_and_allocations_list_them_per_asset()
    {
        await using var sim = await TestSimulator.StartAsync(c =>
        {
            var balances = c["accounts"]!.AsArray().First(a => (string?)a!["apiKey"] == Key.ApiKey)!["balances"]!.AsArray();
            balances.Add(new JsonObject { ["wallet"] = "staked", ["asset"] = "ETH", ["free"] = "1.5", ["locked"] = "0" });
            balances.Add(new JsonObject { ["wallet"] = "bonded", ["asset"] = "BTC", ["free"] = "0.2", ["locked"] = "0" });
        });
        var origin = sim.Host.BaseUrl("kraken");

        var (_, extended, _) = await sim.SendJsonAsync(KrakenSigner.Post(origin, "/0/private/BalanceEx", Key, KrakenSigner.Nonce(sim.Now)));
        var (_, plain, _) = await sim.SendJsonAsync(KrakenSigner.Post(origin, "/0/private/Balance", Key, KrakenSigner.Nonce(sim.Now)));
        var (_, earn, _) = await sim.SendJsonAsync(KrakenSigner.Post(origin, "/0/private/Earn/Allocations", Key, KrakenSigner.Nonce(sim.Now)));

        var result = extended!["result"]!.AsObject();
        Assert.Equal(["ETH.S", "USDT.F", "XBT.B", "XETH", "XXBT"], result.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("0.6000000000", (string?)result["XXBT"]!["balance"]);
        Assert.Equal("0.1000000000", (string?)result["XXBT"]!["hold_trade"]);
        Assert.Equal("100.00000000", (string?)result["USDT.F"]!["balance"]);
        Assert.Equal("0.6000000000", (string?)plain!["result"]!["XXBT"]);
        var items = earn!["result"]!["items"]!.AsArray().ToDictionary(i => (string)i!["native_asset"]!, i => (string)i!["amount_allocated"]!["total"]!["native"]!);
        Assert.Equal(new Dictionary<string, string> { ["ETH"] = "1.5000000000", ["USDT"] = "100.00000000", ["XBT"] = "0.2000000000" }, items);
    }

    [Fact]
    public async Task Public_assets_and_pairs_use_kraken_s_legacy_keys_and_altnames()
    {
        await using var sim = await TestSimulator.StartAsync();
        var origin = sim.Host.BaseUrl("kraken");

        var (_, assets, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/0/public/Assets")));
        var (_, pairs, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/0/public/AssetPairs")));
        var (_, unknown, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/0/public/Ticker?pair=NOPEUSD")));
        var (_, time, _) = await sim.SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/0/public/Time")));

        Assert.Equal("XBT", (string?)assets!["result"]!["XXBT"]!["altname"]);
        Assert.Equal("USD", (string?)assets["result"]!["ZUSD"]!["altname"]);
        Assert.Equal("USDT", (string?)assets["result"]!["USDT"]!["altname"]);
        var btc = pairs!["result"]!["XXBTZUSD"]!;
        Assert.Equal(("XBTUSD", "XBT/USD", "XXBT", "ZUSD"), ((string?)btc["altname"], (string?)btc["wsname"], (string?)btc["base"], (string?)btc["quote"]));
        Assert.NotNull(pairs["result"]!["USDTZUSD"]);
        Assert.Equal("EQuery:Unknown asset pair", (string?)unknown!["error"]![0]);
        Assert.Equal(sim.Now.ToUnixTimeSeconds(), (long)time!["result"]!["unixtime"]!);
        Assert.Equal("Tue, 14 Nov 23 22:13:20 +0000", (string?)time["result"]!["rfc1123"]);
    }

    private static async Task<string> BodyAsync(TestSimulator sim, HttpRequestMessage request)
    {
        var response = await sim.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
