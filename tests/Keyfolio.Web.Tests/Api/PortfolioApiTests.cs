using System.Globalization;
using System.Net;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class PortfolioApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task The_portfolio_total_is_the_seeded_balances_times_their_prices()
    {
        var client = await app.ClientAsync();

        var portfolio = await ApiCalls.GetJsonAsync(client, "/api/portfolio");

        Assert.Equal(ExpectedTotal(), portfolio.GetProperty("totalUsd").GetDecimal());
        var btc = portfolio.GetProperty("byAsset").EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "BTC");
        Assert.Equal(ExpectedAmount("BTC"), btc.GetProperty("amount").GetDecimal());
        Assert.Equal(65000m, btc.GetProperty("usdPrice").GetDecimal());
        Assert.Equal(portfolio.GetProperty("totalUsd").GetDecimal(), portfolio.GetProperty("byExchange").EnumerateArray().Sum(e => e.GetProperty("usdValue").GetDecimal()));
        Assert.Contains(portfolio.GetProperty("byConnection").EnumerateArray(), c => c.GetProperty("label").GetString() == "wrong-passphrase" && c.GetProperty("usdValue").GetDecimal() == 0m);
    }

    [Fact]
    public async Task Balances_list_each_connections_latest_holdings()
    {
        var client = await app.ClientAsync();

        var balances = await ApiCalls.GetJsonAsync(client, "/api/balances");

        var binance = balances.EnumerateArray().Single(b => b.GetProperty("label").GetString() == "Binance main");
        Assert.Equal(11, binance.GetProperty("holdings").GetArrayLength());
        Assert.Equal(54493.75m, binance.GetProperty("totalUsd").GetDecimal());
        Assert.False(binance.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task The_csv_export_parses_and_adds_up_to_the_total()
    {
        var client = await app.ClientAsync();

        using var response = await client.GetAsync("/api/portfolio/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("keyfolio-holdings.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal("connection,exchange,wallet,asset,exchange_asset,free,locked,total,usd_price,usd_value,as_of_utc,stale,exchange_wallet,wallet_status,wallet_read_at_utc,reason,sub_account", lines[0]);
        var value = Array.IndexOf(header, "usd_value");
        var total = lines.Skip(1).Select(line => line.Split(',')).Sum(cells => cells[value].Length == 0 ? 0m : decimal.Parse(cells[value], NumberStyles.Number, CultureInfo.InvariantCulture));
        Assert.Equal(ExpectedTotal(), total);
    }

    [Fact]
    public async Task The_value_history_has_a_point_per_snapshot_ending_at_the_total()
    {
        var client = await app.ClientAsync();

        var history = await ApiCalls.GetJsonAsync(client, "/api/portfolio/history?days=7");

        var points = history.EnumerateArray().ToList();
        Assert.NotEmpty(points);
        Assert.Equal(ExpectedTotal(), points[^1].GetProperty("usdValue").GetDecimal());
    }

    [Fact]
    public async Task Findings_come_worst_first_with_their_fixes()
    {
        var client = await app.ClientAsync();

        var findings = await ApiCalls.GetJsonAsync(client, "/api/findings");

        var first = findings.EnumerateArray().First();
        Assert.Equal("Binance withdraw-enabled", first.GetProperty("label").GetString());
        Assert.Equal("critical", first.GetProperty("worstSeverity").GetString());
        Assert.All(first.GetProperty("findings").EnumerateArray(), f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("fix").GetString())));
        var refused = new[] { "wrongPassphrase", "invalidKey", "ipNotAllowed", "keyExpired", "badSignature" };
        var seriousness = findings.EnumerateArray().Select(f => refused.Contains(f.GetProperty("status").GetProperty("code").GetString())
            ? 3
            : f.GetProperty("worstSeverity").GetString() switch { "critical" => 3, "warning" => 2, "info" => 1, _ => 0 }).ToList();
        Assert.Equal(seriousness.OrderDescending(), seriousness);
        Assert.Contains(findings.EnumerateArray().Take(2), f => f.GetProperty("label").GetString() == "wrong-passphrase");
    }

    private IEnumerable<Keyfolio.Simulator.SimulatorBalance> SeededBalances() =>
        SeededApp.Seeded.Where(label => label != "wrong-passphrase").SelectMany(label => app.Account(label).Balances);

    private decimal ExpectedTotal() => SeededBalances().Sum(b => b.Net * app.Config.Prices[b.Asset]);

    private decimal ExpectedAmount(string asset) => SeededBalances().Where(b => b.Asset == asset).Sum(b => b.Net);
}
