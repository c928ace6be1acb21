using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Keyfolio.Simulator.Tests.Exchanges;

/// <summary>The requests of vectors.json, sent byte for byte at the instant they were signed for, are accepted.</summary>
public sealed class VectorRequestTests
{
    [Fact]
    public async Task Binance_account_vector_is_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("binance"), "/api/v3/account?timestamp=1700000000123&recvWindow=5000&signature=e5f9f4bfa540004563cb21e6e3b225b1413198c714c13e89f72c22bcedf2017a"));
        request.Headers.Add("X-MBX-APIKEY", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A");

        var response = await sim.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Okx_balance_vector_is_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("okx"), "/api/v5/account/balance?ccy=BTC"));
        request.Headers.Add("OK-ACCESS-KEY", "OKX-KEY");
        request.Headers.Add("OK-ACCESS-PASSPHRASE", "Passphrase1!");
        request.Headers.Add("OK-ACCESS-TIMESTAMP", "2023-11-14T22:13:20.123Z");
        request.Headers.Add("OK-ACCESS-SIGN", "Kz2kGZ5i6Zh1DeWpMBEgpRjEMbpjJpqdEQZiVN9QDUw=");

        var (status, body, _) = await sim.SendJsonAsync(request);

        Assert.Equal(200, status);
        Assert.Equal("BTC", (string?)Assert.Single(body!["data"]![0]!["details"]!.AsArray())!["ccy"]);
    }

    [Theory]
    [InlineData("/v1/account/accounts?AccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2023-11-14T22%3A13%3A20&Signature=KCC8TY8KzrdilRwsO7MH6%2BbI8SkNxHL0KWPETJpJZDk%3D", "\"status\":\"ok\"")]
    [InlineData("/v2/user/api-key?AccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2023-11-14T22%3A13%3A20&uid=123456&Signature=BxB7Y6mLOgOStV2EabrmfRF4vZGXmpgNPvTJLTFbUJc%3D", "\"code\":200")]
    public async Task Htx_vectors_are_accepted_with_the_host_they_were_signed_for(string pathAndQuery, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("htx"), pathAndQuery));
        request.Headers.Host = "api.huobi.pro";

        var response = await sim.SendAsync(request);

        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/auth/r/wallets", "4c8aa33457a6310a98f4acab60aa9685e77c5f1c59d1adbf4789617680cb9663748ff944bfdb76a3a6ff1a0292b73947")]
    [InlineData("/v2/auth/r/permissions", "8caf335a31b96f22317178672bf870eafa77bfc14e616b475996c64da8778e7af3f10ff77acbd3343c8a2f981cea397e")]
    public async Task Bitfinex_vectors_are_accepted(string path, string signature)
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.Host.BaseUrl("bitfinex"), path)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("bfx-apikey", "BFX-KEY");
        request.Headers.Add("bfx-nonce", "1700000000123");
        request.Headers.Add("bfx-signature", signature);

        var response = await sim.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Kraken_vectors_are_accepted_byte_for_byte_with_their_rising_nonces()
    {
        await using var sim = await TestSimulator.StartAsync();
        var vectors = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "vectors-kraken.json")))!["vectors"]!.AsArray()
            .Where(v => (string?)v!["uriPath"] is "/0/private/Balance" or "/0/private/GetApiKeyInfo");
        foreach (var vector in vectors)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.Host.BaseUrl("kraken"), (string)vector!["uriPath"]!))
            {
                Content = new StringContent((string)vector["postData"]!, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add("API-Key", (string)vector["headers"]!["API-Key"]!);
            request.Headers.Add("API-Sign", (string)vector["headers"]!["API-Sign"]!);

            var (status, body, _) = await sim.SendJsonAsync(request);

            Assert.Equal(200, status);
            Assert.Empty(body!["error"]!.AsArray());
        }
    }

    [Fact]
    public async Task HitBtc_vector_is_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("hitbtc"), "/api/3/spot/balance"));
        request.Headers.Authorization = new AuthenticationHeaderValue("HS256", "SElUQlRDLUtFWTo0ZTNkMWFmYzg4MjljMTBhMzZkNWVmMzhjNTE3ZWQwNDY0NGY0ZjBjOTc0NmE4NWQ2ZjA0YWMyMGNjOTRjYmVlOjE3MDAwMDAwMDAxMjM=");

        var response = await sim.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task HitBtc_basic_authorization_is_accepted_and_a_wrong_secret_refused()
    {
        await using var sim = await TestSimulator.StartAsync();
        HttpRequestMessage Basic(string secret)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("hitbtc"), "/api/3/spot/balance"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("HITBTC-KEY:" + secret)));
            return request;
        }

        var accepted = await sim.SendAsync(Basic("HITBTC-SECRET"));
        var refused = await sim.SendAsync(Basic("HITBTC-WRONG"));

        Assert.Equal(200, (int)accepted.StatusCode);
        Assert.Equal(401, (int)refused.StatusCode);
    }

    [Theory]
    [InlineData("/v5/account/wallet-balance?accountType=UNIFIED", "5000", "81f98bc24af3394686fa16b142a221b5960fd6b3e9daf93bd5404218d766732d")]
    [InlineData("/v5/user/query-api", "5000", "36567a4e743d1dd369b7c94848307bc4fe2a5188df6de44fd32de8d06394fbf8")]
    [InlineData("/v5/asset/transfer/query-account-coins-balance?accountType=FUND", "5000", "85bfed208da0dd4d385a5fdad3921f8fcd1bdbd68874bb1d9f93e350ec26b91f")]
    [InlineData("/v5/account/wallet-balance?accountType=UNIFIED&coin=BTC,USDT", "20000", "db6dd912d936d324c4f7f42807a9b0cb037ce303cee31832e7a8441e5ca2edfd")]
    public async Task Bybit_vectors_are_accepted(string pathAndQuery, string recvWindow, string signature)
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("bybit"), pathAndQuery));
        request.Headers.Add("X-BAPI-API-KEY", "KEYFOLIOTEST000001");
        request.Headers.Add("X-BAPI-TIMESTAMP", "1700000000123");
        request.Headers.Add("X-BAPI-RECV-WINDOW", recvWindow);
        request.Headers.Add("X-BAPI-SIGN", signature);

        var (status, body, _) = await sim.SendJsonAsync(request);

        Assert.Equal(200, status);
        Assert.Equal(0, (int)body!["retCode"]!);
    }

    [Fact]
    public async Task Gate_spot_accounts_vector_is_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Time.Advance(TimeSpan.FromMilliseconds(-123));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("gate"), "/api/v4/spot/accounts"));
        request.Headers.Add("KEY", "key");
        request.Headers.Add("Timestamp", "1700000000");
        request.Headers.Add("SIGN", "fa17722c057aa9b6bccc9bb5f91a1efe40a0ff7fa4af2ba9252028a29fab7bcb90a309b024e982d89e8bbf0997267c56498b0f4b69f306a79e80434b074f296e");

        var response = await sim.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/accounts", "AN0zaSFXIcXEEtPNthI+mPfnntUY+q+yVwqsP6ZPKoI=")]
    [InlineData("/api/v1/accounts?currency=USDT&type=main", "cygCysviexesVuAGugg/RKue4q6w6DZwkPbUKD5041Q=")]
    [InlineData("/api/v1/user/api-key", "Ft8ZWQ3SLmJIZNkEAJI2rKEOQW3tfgQH3zKaK1TWycw=")]
    [InlineData("/api/v1/earn/hold-assets?currentPage=1&pageSize=500", "SHN9SZ67O25xoZ1eiHGMYc8lfhP0wffBJco1X/7Q418=")]
    [InlineData("/api/v1/account-overview?currency=USDT", "LVdN2jB+vzlyGWt1vrIHhO+O8e2cHxcoo02IETXDhPg=")]
    public async Task Kucoin_vectors_are_accepted_with_key_version_3(string pathAndQuery, string signature)
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("kucoin"), pathAndQuery));
        request.Headers.Add("KC-API-KEY", "5c2db93503aa674c74a31734");
        request.Headers.Add("KC-API-SIGN", signature);
        request.Headers.Add("KC-API-TIMESTAMP", "1700000000123");
        request.Headers.Add("KC-API-PASSPHRASE", "h37bOJkURFhV0HK+e8rv2rXDF0bw+we2+yZs/C6ne6Y=");
        request.Headers.Add("KC-API-KEY-VERSION", "3");

        var (status, body, _) = await sim.SendJsonAsync(request);

        Assert.Equal(200, status);
        Assert.Equal("200000", (string?)body!["code"]);
    }

    [Fact]
    public async Task Kucoin_refuses_a_plain_text_passphrase_and_an_unknown_key_version()
    {
        await using var sim = await TestSimulator.StartAsync();
        HttpRequestMessage Accounts(string passphrase, string version)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("kucoin"), "/api/v1/accounts"));
            request.Headers.Add("KC-API-KEY", "5c2db93503aa674c74a31734");
            request.Headers.Add("KC-API-SIGN", "AN0zaSFXIcXEEtPNthI+mPfnntUY+q+yVwqsP6ZPKoI=");
            request.Headers.Add("KC-API-TIMESTAMP", "1700000000123");
            request.Headers.Add("KC-API-PASSPHRASE", passphrase);
            request.Headers.Add("KC-API-KEY-VERSION", version);
            return request;
        }

        var plain = await sim.SendAsync(Accounts("kf-Passphrase7", "2"));
        var version = await sim.SendAsync(Accounts("h37bOJkURFhV0HK+e8rv2rXDF0bw+we2+yZs/C6ne6Y=", "4"));

        Assert.Equal(401, (int)plain.StatusCode);
        Assert.Equal("{\"code\":\"400004\",\"msg\":\"Invalid KC-API-PASSPHRASE\"}", await plain.Content.ReadAsStringAsync());
        Assert.Equal(400, (int)version.StatusCode);
        Assert.Contains("\"400009\"", await version.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The JWTs of vectors-coinbase.json, made for api.coinbase.com at the test instant: the official SDK's and ccxt's
    /// claim sets are accepted byte for byte, for the path with or without a query; the negative vectors get the bare 401.</summary>
    [Theory]
    [InlineData("ES256 REST JWT, official-SDK claim set", "/api/v3/brokerage/accounts", 200)]
    [InlineData("ES256 REST JWT, official-SDK claim set", "/api/v3/brokerage/accounts?limit=250&cursor=", 200)]
    [InlineData("ES256 REST JWT, ccxt 4.5.84 claim set (aud retail_rest_api_proxy, iss coinbase-cloud, iat)", "/api/v3/brokerage/accounts", 200)]
    [InlineData("tampered signature", "/api/v3/brokerage/accounts", 401)]
    [InlineData("valid signature, request is GET /api/v3/brokerage/portfolios", "/api/v3/brokerage/portfolios", 401)]
    [InlineData("EdDSA signature under ES256 header", "/api/v3/brokerage/accounts", 401)]
    [InlineData("ES256 JWT for WebSocket (no uri claim), official SDK", "/api/v3/brokerage/accounts", 401)]
    public async Task Coinbase_vector_jwts_are_accepted_or_refused_as_the_vectors_say(string name, string pathAndQuery, int expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var file = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "vectors-coinbase.json")))!;
        var vector = file["vectors"]!.AsArray().Concat(file["negative"]!.AsArray()).First(v => (string?)v!["name"] == name || ((string?)v!["name"])!.StartsWith(name, StringComparison.Ordinal))!;
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("coinbase"), pathAndQuery));
        request.Headers.Host = "api.coinbase.com";
        request.Headers.Add("Authorization", "Bearer " + (string?)vector["jwt"]);

        var response = await sim.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 401)
        {
            Assert.Equal("Unauthorized", body);
        }
    }

    [Fact]
    public async Task A_coinbase_jwt_is_refused_once_its_two_minutes_are_over()
    {
        await using var sim = await TestSimulator.StartAsync();
        var file = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "vectors-coinbase.json")))!;
        var jwt = (string?)file["vectors"]![0]!["jwt"];
        HttpRequestMessage Accounts()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("coinbase"), "/api/v3/brokerage/accounts"));
            request.Headers.Host = "api.coinbase.com";
            request.Headers.Add("Authorization", "Bearer " + jwt);
            return request;
        }

        var fresh = await sim.SendAsync(Accounts());
        sim.Time.Advance(TimeSpan.FromSeconds(120));
        var stale = await sim.SendAsync(Accounts());

        Assert.Equal(200, (int)fresh.StatusCode);
        Assert.Equal(401, (int)stale.StatusCode);
    }
}
