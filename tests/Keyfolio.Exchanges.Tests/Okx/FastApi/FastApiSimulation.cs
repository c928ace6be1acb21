using System.Text.Json.Nodes;
using Keyfolio.Exchanges.Okx.FastApi;
using Keyfolio.Exchanges.Tests.Support;
using Keyfolio.Simulator;
using Keyfolio.Testing;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>
/// The simulated exchanges with OKX's OAuth server configured for one broker client, the connectors and a Fast API
/// client wired to them, and a browser for the consent page. The client secret is new for every run, so the canary
/// checks look for a value nobody else uses.
/// </summary>
internal sealed class FastApiSimulation : IAsyncDisposable
{
    public const string ClientId = "keyfolio-test";
    public const string OkxUid = "77000000000000042";
    public static readonly Uri RedirectUri = new("http://127.0.0.1:5555/connect/okx/callback");
    public static readonly Uri OtherRegisteredRedirectUri = new("http://127.0.0.1:5555/other-callback");

    private FastApiSimulation(SimulatedExchanges exchanges, string clientSecret)
    {
        Exchanges = exchanges;
        ClientSecretText = clientSecret;
    }

    public SimulatedExchanges Exchanges { get; }

    public string ClientSecretText { get; }

    public ConsentBrowser Browser { get; } = new();

    public Uri OkxBaseUrl => Exchanges.Simulator.BaseUrl("okx");

    public static async Task<FastApiSimulation> StartAsync(TimeProvider? simulatorClock = null, Action<ExchangeClientOptions>? options = null)
    {
        var clientSecret = "fast-api-secret-" + Guid.NewGuid().ToString("N");
        var exchanges = await SimulatedExchanges.StartAsync(
            config => config["okxOAuth"] = new JsonObject
            {
                ["clients"] = new JsonArray(new JsonObject
                {
                    ["clientId"] = ClientId,
                    ["clientSecret"] = clientSecret,
                    ["name"] = "Keyfolio",
                    ["redirectUris"] = new JsonArray("http://127.0.0.1:*/connect/okx/callback", "http://127.0.0.1:*/other-callback"),
                }),
                ["user"] = new JsonObject
                {
                    ["uid"] = OkxUid,
                    ["balances"] = new JsonArray(
                        new JsonObject { ["wallet"] = "spot", ["asset"] = "BTC", ["free"] = "1.25", ["locked"] = "0.25" },
                        new JsonObject { ["wallet"] = "funding", ["asset"] = "USDT", ["free"] = "500", ["locked"] = "0" }),
                },
            },
            options,
            simulatorClock is null ? null : new SimulatorHostOptions { TimeProvider = simulatorClock });
        return new FastApiSimulation(exchanges, clientSecret);
    }

    public OkxFastApiOptions Options(Action<OkxFastApiOptions>? edit = null)
    {
        var options = new OkxFastApiOptions { ClientId = ClientId, RedirectUri = RedirectUri }.UseHost(OkxBaseUrl);
        edit?.Invoke(options);
        return options;
    }

    public OkxFastApiClient Client(Action<OkxFastApiOptions>? edit = null) => Exchanges.Connectors.CreateOkxFastApiClient(Options(edit));

    public OkxFastApiClientSecret ClientSecret() => new(ClientSecretText);

    /// <summary>Starts an authorization, approves it on the consent page and reads the callback.</summary>
    public async Task<OkxAuthorizationCode> ApproveAsync(OkxFastApiClient client)
    {
        var authorization = client.BeginAuthorization();
        var callback = await Browser.ClickAsync(authorization.AuthorizeUrl, "approve");
        return Succeeded(client.ReadCallback(callback.Query, authorization.State));
    }

    /// <summary>Approves and exchanges the code: the tokens a key can be created with.</summary>
    public async Task<OkxFastApiTokens> AuthorizeAsync(OkxFastApiClient client)
    {
        using var code = await ApproveAsync(client);
        using var secret = ClientSecret();
        return Succeeded(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));
    }

    public Diagnosis Failed<T>(ExchangeResult<T> result)
    {
        Exchanges.Keep(result);
        Assert.False(result.IsSuccess, $"Expected a failure, got {result}.");
        return result.Diagnosis;
    }

    public T Succeeded<T>(ExchangeResult<T> result)
    {
        Exchanges.Keep(result);
        Assert.True(result.IsSuccess, $"Expected a success, got {result}.");
        return result.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await Exchanges.DisposeAsync();
    }
}
