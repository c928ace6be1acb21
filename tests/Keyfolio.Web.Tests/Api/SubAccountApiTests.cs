using System.Net;
using System.Text.Json;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

/// <summary>
/// Sub-accounts over the REST API and the connection page, against the simulated Binance master account: listed on
/// request, none included; an included one is its own row under the connection in <c>/api/portfolio</c>, and counts in
/// the total. Each test starts its own app, since including changes the portfolio.
/// </summary>
public sealed class SubAccountApiTests
{
    private const string Master = "Binance main";
    private const string Desk = "trading-desk@keyfolio-demo.example";

    [Fact]
    public async Task The_sub_accounts_are_listed_on_request_and_an_included_one_is_its_own_row_in_the_portfolio()
    {
        await using var app = await App.StartAsync();
        var client = await app.ClientAsync();
        var path = $"/api/connections/{app.Id}/sub-accounts";

        var before = await ApiCalls.GetJsonAsync(client, path);
        using var listed = await ApiCalls.SendAsync(client, HttpMethod.Post, path + "/refresh");
        var list = await ApiCalls.JsonAsync(listed);
        var totalBefore = (await ApiCalls.GetJsonAsync(client, "/api/portfolio")).GetProperty("totalUsd").GetDecimal();
        using var included = await ApiCalls.SendAsync(client, HttpMethod.Put, path + "/" + Uri.EscapeDataString(Desk), new { included = true });
        var after = await ApiCalls.JsonAsync(included);
        var portfolio = await ApiCalls.GetJsonAsync(client, "/api/portfolio");

        Assert.True(before.GetProperty("offered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("listedAt").ValueKind);
        Assert.Equal(["spot", "futures", "margin"], before.GetProperty("wallets").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("sub-accounts", before.GetProperty("requirement").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(
            [("savings@keyfolio-demo.example", "Savings", false), (Desk, "Trading desk", false)],
            list.GetProperty("subAccounts").EnumerateArray().Select(s => (s.GetProperty("id").GetString(), s.GetProperty("note").GetString(), s.GetProperty("included").GetBoolean())));
        Assert.Equal(HttpStatusCode.OK, included.StatusCode);
        Assert.True(after.GetProperty("subAccounts").EnumerateArray().Single(s => s.GetProperty("id").GetString() == Desk).GetProperty("included").GetBoolean());

        var deskValue = app.Config.Accounts.Single(a => a.Label == Master).SubAccounts.Single(s => s.Name == Desk).Balances.Sum(b => b.Net * app.Config.Prices[b.Asset]);
        Assert.Equal(totalBefore + deskValue, portfolio.GetProperty("totalUsd").GetDecimal());
        var row = Assert.Single(portfolio.GetProperty("byConnection").EnumerateArray().ToList());
        Assert.Equal(totalBefore, row.GetProperty("mainUsd").GetDecimal());
        var sub = Assert.Single(row.GetProperty("subAccounts").EnumerateArray().ToList());
        Assert.Equal((Desk, deskValue, false), (sub.GetProperty("subAccount").GetString(), sub.GetProperty("usdValue").GetDecimal(), sub.GetProperty("incomplete").GetBoolean()));

        var connection = await ApiCalls.GetJsonAsync(client, $"/api/connections/{app.Id}");
        Assert.Equal(4, connection.GetProperty("holdings").EnumerateArray().Count(h => h.GetProperty("subAccount").GetString() == Desk));
        Assert.Contains(connection.GetProperty("wallets").EnumerateArray(), w => w.GetProperty("subAccount").GetString() == Desk);

        var page = await client.GetStringAsync($"/connections/{app.Id}");
        Assert.Contains("id=\"sub-account-list\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-sub-account=\"{Desk}\" data-included=\"true\"", page, StringComparison.Ordinal);
        var portfolioPage = await client.GetStringAsync("/portfolio");
        Assert.Contains($"data-sub-account=\"{Desk}\"", portfolioPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sub_account_not_in_the_list_is_not_found_and_an_exchange_without_sub_accounts_offers_none()
    {
        await using var app = await App.StartAsync("Bybit main");
        var client = await app.ClientAsync();

        using var unknown = await ApiCalls.SendAsync(client, HttpMethod.Put, $"/api/connections/{app.Ids[Master]}/sub-accounts/nobody%40example.com", new { included = true });
        var bybit = await ApiCalls.GetJsonAsync(client, $"/api/connections/{app.Ids["Bybit main"]}/sub-accounts");
        using var bybitNow = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/connections/{app.Ids["Bybit main"]}/sub-accounts/refresh");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.False(bybit.GetProperty("offered").GetBoolean());
        Assert.Empty(bybit.GetProperty("subAccounts").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, bybitNow.StatusCode);
    }

    [Fact]
    public async Task Bybit_says_why_its_sub_accounts_are_not_read_and_how_to_count_them_each_with_its_own_key()
    {
        await using var app = await App.StartAsync("Bybit main");
        var client = await app.ClientAsync();

        var bybit = await ApiCalls.GetJsonAsync(client, $"/api/connections/{app.Ids["Bybit main"]}/sub-accounts");
        var page = await client.GetStringAsync($"/connections/{app.Ids["Bybit main"]}");
        var binancePage = await client.GetStringAsync($"/connections/{app.Id}");

        // A Bybit master key cannot read a sub-account whole: the requirement says why and to connect each on its own.
        var requirement = bybit.GetProperty("requirement").GetString();
        Assert.NotNull(requirement);
        Assert.Contains("\"Get All Coins Balance\"", requirement, StringComparison.Ordinal);
        Assert.Contains("connection of its own", requirement, StringComparison.Ordinal);
        Assert.Contains("id=\"sub-accounts-by-own-key\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/connections/new/bybit\" id=\"sub-accounts-connect\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sub-account-list\"", page, StringComparison.Ordinal);

        // Binance reads its sub-accounts, and says which wallet of theirs no master key sees.
        Assert.DoesNotContain("id=\"sub-accounts-by-own-key\"", binancePage, StringComparison.Ordinal);
        Assert.Contains("isolated margin to no master key", binancePage, StringComparison.Ordinal);
    }

    /// <summary>The web app over the demo sample with "Binance main" (and any other labels) connected.</summary>
    private sealed class App : IAsyncDisposable
    {
        private SimulatorHost _simulator = null!;
        private KeyfolioWebFactory _factory = null!;
        private HttpClient? _client;

        public SimulatorConfig Config { get; } = SimulatorConfig.Demo();

        public IReadOnlyDictionary<string, string> Ids { get; private set; } = new Dictionary<string, string>();

        public string Id => Ids[Master];

        public static async Task<App> StartAsync(params string[] others)
        {
            var app = new App();
            app._simulator = await SimulatorHost.StartAsync(app.Config);
            app._factory = KeyfolioWebFactory.WithSimulator(app._simulator);
            await app._factory.EnsureVaultAsync();
            var connections = app._factory.Service<AddConnectionCommand>();
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in new[] { Master }.Concat(others))
            {
                var account = app.Config.Accounts.Single(a => a.Label == label);
                app._factory.Canaries.Add(account.Secret);
                using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
                Assert.True(ExchangeIds.TryParse(account.Exchange, out var exchange));
                var added = await connections.AddAsync(new AddConnectionRequest(exchange.Value, label, credentials), CancellationToken.None);
                Assert.True(added.IsSuccess, added.Error?.ToString());
                ids[label] = added.Value.Connection.Id;
            }

            app.Ids = ids;
            return app;
        }

        public async Task<HttpClient> ClientAsync() => _client ??= await _factory.CreateSignedInClientAsync();

        public async ValueTask DisposeAsync()
        {
            _client?.Dispose();
            _factory.Dispose();
            await _simulator.DisposeAsync();
        }
    }
}
