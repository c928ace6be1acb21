using System.Globalization;
using Keyfolio.Exchanges.Okx.FastApi;
using Keyfolio.Simulator;
using Keyfolio.Testing;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>Fast connect end to end over HTTP against the simulator's OAuth server, the consent page driven as a browser drives it.</summary>
public sealed class OkxFastApiFlowTests
{
    [Fact]
    public async Task Approving_on_the_consent_page_yields_a_read_only_key_that_verifies_through_the_okx_connector()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        var authorization = client.BeginAuthorization();

        var callback = await simulation.Browser.ClickAsync(authorization.AuthorizeUrl, "approve");
        using var code = simulation.Succeeded(client.ReadCallback(callback.Query, authorization.State));
        using var secret = simulation.ClientSecret();
        using var tokens = simulation.Succeeded(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));
        using var credentials = simulation.Succeeded(await client.CreateReadOnlyKeyAsync(tokens, null, CancellationToken.None));
        var verification = simulation.Succeeded(await simulation.Exchanges[ExchangeId.Okx].VerifyAsync(
            new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), credentials, "fast-connect"),
            CancellationToken.None));

        Assert.Equal(FastApiSimulation.RedirectUri.GetLeftPart(UriPartial.Path), callback.GetLeftPart(UriPartial.Path));
        Assert.True(credentials.HasPassphrase);
        var facts = Assert.IsType<KeyFacts>(verification.Facts);
        Assert.Equal(["read_only"], facts.ExchangePermissions);
        Assert.Equal(PermissionState.Granted, facts[KeyPermission.Read]);
        Assert.False(facts.CanTrade);
        Assert.False(facts.CanWithdraw);
        Assert.Equal("Keyfolio", facts.Label);
        Assert.Equal(FastApiSimulation.OkxUid, facts.Account.AccountId);
        var btc = Assert.Single(verification.Balances.Balances, b => b.Asset == "BTC");
        Assert.Equal((1.25m, 0.25m, 1.5m), (btc.Free, btc.Locked, btc.Total));
        Assert.Equal(500m, Assert.Single(verification.Balances.Balances, b => b.Asset == "USDT").Total);
    }

    [Fact]
    public async Task The_authorize_url_asks_okx_for_a_fast_api_code_with_offline_access_for_the_configured_client()
    {
        await using var simulation = await FastApiSimulation.StartAsync();

        var authorization = simulation.Client().BeginAuthorization();

        var url = authorization.AuthorizeUrl;
        Assert.Equal(new Uri(simulation.OkxBaseUrl, "/account/oauth/authorize").AbsoluteUri, url.GetLeftPart(UriPartial.Path));
        var query = Query(url);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("fast_api", query["scope"]);
        Assert.Equal(FastApiSimulation.ClientId, query["client_id"]);
        Assert.Equal(FastApiSimulation.RedirectUri.OriginalString, query["redirect_uri"]);
        Assert.Equal(authorization.State, query["state"]);
        Assert.Contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fconnect%2Fokx%2Fcallback", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_authorization_carries_its_own_state()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();

        var states = Enumerable.Range(0, 50).Select(_ => client.BeginAuthorization().State).ToList();

        Assert.Equal(states.Count, states.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Refreshing_gives_tokens_that_create_a_key_and_spends_the_refresh_token()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var first = await simulation.AuthorizeAsync(client);
        using var secret = simulation.ClientSecret();

        using var refreshed = simulation.Succeeded(await client.RefreshAsync(first, secret, CancellationToken.None));
        var replay = simulation.Failed(await client.RefreshAsync(first, secret, CancellationToken.None));
        using var credentials = simulation.Succeeded(await client.CreateReadOnlyKeyAsync(refreshed, null, CancellationToken.None));

        Assert.True(first.CanRefresh);
        Assert.True(refreshed.CanRefresh);
        Assert.True(refreshed.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50), refreshed.ToString());
        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, replay.Category);
        Assert.Equal("53004", replay.ExchangeCode);
        Assert.Contains("refresh token", replay.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.True((await simulation.Exchanges[ExchangeId.Okx].GetKeyFactsAsync(
            new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), credentials, "refreshed"), CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task The_token_path_with_the_api_prefix_works_as_well()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client(o => o.TokenPath = "/api/v5/users/oauth/token");

        using var tokens = await simulation.AuthorizeAsync(client);

        Assert.Contains("POST /api/v5/users/oauth/token", simulation.Exchanges.Signatures.Requests);
        Assert.DoesNotContain("POST /v5/users/oauth/token", simulation.Exchanges.Signatures.Requests);
    }

    [Fact]
    public async Task Ip_addresses_given_for_the_key_are_bound_to_it()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var tokens = await simulation.AuthorizeAsync(client);

        using var credentials = simulation.Succeeded(await client.CreateReadOnlyKeyAsync(tokens, ["127.0.0.1", "2001:db8::/32"], CancellationToken.None));
        var facts = simulation.Succeeded(await simulation.Exchanges[ExchangeId.Okx].GetKeyFactsAsync(
            new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), credentials, "bound"), CancellationToken.None));

        Assert.Equal(["127.0.0.1", "2001:db8::/32"], facts.IpWhitelist);
        Assert.True(facts.IpRestricted);
    }

    [Fact]
    public async Task Fast_connect_works_against_the_demo_sample_s_oauth_client()
    {
        var config = SimulatorConfig.Demo();
        var demoClient = Assert.Single(config.OkxOAuth!.Clients);
        await using var simulator = await SimulatorHost.StartAsync(config);
        var options = new ExchangeClientOptions();
        options.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Okx, BaseUrl = simulator.BaseUrl("okx") });
        var connectors = ExchangeConnectors.Create(options);
        var client = connectors.CreateOkxFastApiClient(new OkxFastApiOptions
        {
            ClientId = demoClient.ClientId,
            RedirectUri = new Uri("http://localhost:5080/connect/okx/callback"),
        }.UseHost(simulator.BaseUrl("okx")));
        using var browser = new ConsentBrowser();

        var authorization = client.BeginAuthorization();
        var callback = await browser.ClickAsync(authorization.AuthorizeUrl, "approve");
        var code = client.ReadCallback(callback.Query, authorization.State);
        Assert.True(code.IsSuccess, code.ToString());
        using var authorizationCode = code.Value;
        using var secret = new OkxFastApiClientSecret(demoClient.ClientSecret);
        var tokens = await client.ExchangeCodeAsync(authorizationCode, secret, CancellationToken.None);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        using var grant = tokens.Value;
        var created = await client.CreateReadOnlyKeyAsync(grant, null, CancellationToken.None);
        Assert.True(created.IsSuccess, created.ToString());
        using var credentials = created.Value;
        var verification = await connectors[ExchangeId.Okx].VerifyAsync(new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), credentials, "demo"), CancellationToken.None);

        Assert.True(verification.IsSuccess, verification.ToString());
        Assert.Equal(config.OkxOAuth.User.Uid, verification.Value.Facts?.Account.AccountId);
        Assert.Equal(["read_only"], verification.Value.Facts?.ExchangePermissions);
    }

    private static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]), StringComparer.Ordinal);
}
