using System.Text.Json;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

/// <summary>The web app with one healthy connection and one whose key may not read a wallet: every answer and page
/// says the reading is incomplete, which wallet is missing and why.</summary>
public sealed class IncompleteReadingApiTests(IncompleteReadingApiTests.App app) : IClassFixture<IncompleteReadingApiTests.App>
{
    private const string Partial = "HitBTC without payment information";

    [Fact]
    public async Task The_portfolio_api_marks_the_total_and_every_table_incomplete_naming_the_wallet_and_the_right()
    {
        var client = await app.ClientAsync();

        var portfolio = await ApiCalls.GetJsonAsync(client, "/api/portfolio");

        Assert.True(portfolio.GetProperty("incomplete").GetBoolean());
        Assert.Equal((9, 10), (portfolio.GetProperty("walletsRead").GetInt32(), portfolio.GetProperty("walletsExpected").GetInt32()));
        Assert.Equal(app.ReadTotal(), portfolio.GetProperty("totalUsd").GetDecimal());
        var missing = Assert.Single(portfolio.GetProperty("missingWallets").EnumerateArray().ToList());
        Assert.Equal(
            (Partial, "hitbtc", "funding", "wallet", "notPermitted", "Payment information", "missingPermission"),
            (Text(missing, "label"), Text(missing, "exchange"), Text(missing, "wallet"), Text(missing, "exchangeWallet"), Text(missing, "outcome"), Text(missing, "right"), Text(missing, "category")));
        Assert.Contains("“Payment information”", Text(missing, "fix"), StringComparison.Ordinal);
        Assert.Contains("cannot read your funding wallet", Text(missing, "reason"), StringComparison.Ordinal);
        var exchanges = portfolio.GetProperty("byExchange").EnumerateArray().ToDictionary(e => Text(e, "exchange")!, e => e.GetProperty("incomplete").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["binance"] = false, ["hitbtc"] = true }, exchanges);
        Assert.All(portfolio.GetProperty("byAsset").EnumerateArray(), a => Assert.True(a.GetProperty("incomplete").GetBoolean()));
        var connection = portfolio.GetProperty("byConnection").EnumerateArray().Single(c => Text(c, "label") == Partial);
        Assert.Equal((true, 1, 2), (connection.GetProperty("incomplete").GetBoolean(), connection.GetProperty("walletsRead").GetInt32(), connection.GetProperty("walletsExpected").GetInt32()));
        var wallets = portfolio.GetProperty("byWallet").EnumerateArray().Select(w => (Text(w, "exchange"), Text(w, "wallet"), w.GetProperty("missing").GetInt32())).ToList();
        Assert.Equal(
            [("binance", "spot", 0), ("binance", "funding", 0), ("binance", "margin", 0), ("binance", "futures", 0), ("binance", "earn", 0), ("hitbtc", "spot", 0), ("hitbtc", "funding", 1)],
            wallets);
    }

    [Fact]
    public async Task The_wallet_names_and_reasons_come_in_the_requests_language()
    {
        var client = await app.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/portfolio");
        request.Headers.AcceptLanguage.ParseAdd("zh-Hans");

        using var response = await client.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var missing = document.RootElement.GetProperty("missingWallets")[0];
        Assert.Equal("资金", Text(missing, "name"));
        Assert.Contains("“Payment information”", Text(missing, "fix"), StringComparison.Ordinal);
        Assert.Contains("请在", Text(missing, "fix"), StringComparison.Ordinal);
        Assert.Contains(document.RootElement.GetProperty("byWallet").EnumerateArray(), w => Text(w, "name") == "现货");
    }

    [Fact]
    public async Task The_connection_balances_findings_and_csv_say_which_wallet_is_missing()
    {
        var client = await app.ClientAsync();

        var connection = await ApiCalls.GetJsonAsync(client, "/api/connections/" + app.Ids[Partial]);
        var balances = await ApiCalls.GetJsonAsync(client, "/api/balances");
        var findings = await ApiCalls.GetJsonAsync(client, "/api/findings");
        var csv = await client.GetStringAsync("/api/portfolio/csv");

        Assert.Equal("incomplete", Text(connection.GetProperty("status"), "code"));
        Assert.True(connection.GetProperty("incomplete").GetBoolean());
        var outcomes = connection.GetProperty("wallets").EnumerateArray().Select(w => (Text(w, "wallet"), Text(w, "outcome"), Text(w, "right"))).ToList();
        Assert.Equal([("spot", "read", null), ("funding", "notPermitted", "Payment information")], outcomes);
        var healthy = balances.EnumerateArray().Single(b => Text(b, "label") == "Binance main");
        Assert.False(healthy.GetProperty("incomplete").GetBoolean());
        Assert.True(balances.EnumerateArray().Single(b => Text(b, "label") == Partial).GetProperty("incomplete").GetBoolean());
        var keyFindings = findings.EnumerateArray().Single(f => Text(f, "label") == Partial).GetProperty("findings").EnumerateArray();
        Assert.Contains(keyFindings, f => Text(f, "kind") == "walletNotPermitted" && Text(f, "fix")!.Contains("Payment information", StringComparison.Ordinal));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("connection,exchange,wallet,asset,exchange_asset,free,locked,total,usd_price,usd_value,as_of_utc,stale,exchange_wallet,wallet_status,wallet_read_at_utc,reason,sub_account", lines[0]);
        Assert.Single(lines, l => l.StartsWith(Partial + ",hitbtc,funding,,", StringComparison.Ordinal) && l.Contains(",wallet,not_permitted,,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pages_show_the_lower_bound_and_the_wallets_not_read()
    {
        var client = await app.ClientAsync();

        var exchanges = await client.GetStringAsync("/exchanges");
        var detail = await client.GetStringAsync("/connections/" + app.Ids[Partial]);
        var portfolio = await client.GetStringAsync("/portfolio");

        Assert.Contains("data-status=\"incomplete\"", exchanges, StringComparison.Ordinal);
        Assert.Contains("data-incomplete=\"true\"", exchanges, StringComparison.Ordinal);
        Assert.Contains("1 of 2 wallets read", exchanges, StringComparison.Ordinal);
        Assert.Contains("≥ $", exchanges, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"notPermitted\"", detail, StringComparison.Ordinal);
        Assert.Contains("“Payment information”", detail, StringComparison.Ordinal);
        Assert.Contains("id=\"missing-wallets\"", portfolio, StringComparison.Ordinal);
        Assert.Contains("id=\"by-wallet\"", portfolio, StringComparison.Ordinal);
        Assert.Contains("at least: 9 of 10 wallets read", portfolio, StringComparison.Ordinal);
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    /// <summary>The web app over the demo sample with "Binance main" and the HitBTC key without "Payment information".</summary>
    public sealed class App : IAsyncLifetime
    {
        private SimulatorHost? _simulator;
        private KeyfolioWebFactory? _factory;
        private HttpClient? _client;

        public SimulatorConfig Config { get; } = SimulatorConfig.Demo();

        public IReadOnlyDictionary<string, string> Ids { get; private set; } = new Dictionary<string, string>();

        public async Task InitializeAsync()
        {
            _simulator = await SimulatorHost.StartAsync(Config);
            _factory = KeyfolioWebFactory.WithSimulator(_simulator);
            await _factory.EnsureVaultAsync();
            var connections = _factory.Service<AddConnectionCommand>();
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in new[] { "Binance main", Partial })
            {
                var account = Config.Accounts.Single(a => a.Label == label);
                _factory.Canaries.Add(account.Secret);
                using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
                Assert.True(ExchangeIds.TryParse(account.Exchange, out var exchange));
                var added = await connections.AddAsync(new AddConnectionRequest(exchange.Value, label, credentials), CancellationToken.None);
                Assert.True(added.IsSuccess, added.Error?.ToString());
                ids[label] = added.Value.Connection.Id;
            }

            Ids = ids;
        }

        public async Task<HttpClient> ClientAsync() => _client ??= await _factory!.CreateSignedInClientAsync();

        /// <summary>What the keys can read: everything of "Binance main" (margin net of borrowing, futures with unrealised profit), the spot wallet of the other.</summary>
        public decimal ReadTotal() =>
            Config.Accounts.Where(a => a.Label is "Binance main" or Partial)
                .SelectMany(a => a.Balances.Where(b => b.Wallet != "wallet"))
                .Sum(b => b.Net * Config.Prices[b.Asset]);

        public async Task DisposeAsync()
        {
            _client?.Dispose();
            _factory?.Dispose();
            if (_simulator is not null)
            {
                await _simulator.DisposeAsync();
            }
        }
    }
}
