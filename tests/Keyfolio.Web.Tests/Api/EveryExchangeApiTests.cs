using System.Net;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

/// <summary>Every exchange's healthy demo key connects through the REST API against the simulator and reads its holdings.</summary>
public sealed class EveryExchangeApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    public static TheoryData<string, string> MainAccounts => new()
    {
        { "binance", "Binance main" },
        { "binance", "Binance Ed25519 key" },
        { "okx", "OKX main" },
        { "htx", "HTX main" },
        { "bitfinex", "Bitfinex main" },
        { "hitbtc", "HitBTC main" },
        { "gate", "Gate main" },
        { "bittrex", "Bittrex main" },
        { "kraken", "Kraken main" },
        { "bybit", "Bybit main" },
        { "kucoin", "KuCoin main" },
        { "coinbase", "Coinbase main" },
    };

    [Theory]
    [MemberData(nameof(MainAccounts))]
    public async Task The_healthy_key_connects_through_the_api_and_reads_every_holding(string exchange, string label)
    {
        var client = await app.ClientAsync();
        var account = app.Account(label);
        if (app.Ids.TryGetValue(label, out var seeded))
        {
            // The fixture added this key through the core: remove it, so the API adds it afresh.
            using var removed = await ApiCalls.SendAsync(client, HttpMethod.Delete, $"/api/connections/{seeded}?deleteHistory=true");
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections",
            new { exchange, label = label + " via API", apiKey = account.ApiKey, secret = account.Secret, passphrase = account.Passphrase });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ApiCalls.JsonAsync(response);
        Assert.Equal("connected", created.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(account.Balances.Sum(b => b.Net * app.Config.Prices[b.Asset]), created.GetProperty("totalUsd").GetDecimal());
        Assert.Equal("****" + account.ApiKey[^4..], created.GetProperty("apiKey").GetString());
    }
}
