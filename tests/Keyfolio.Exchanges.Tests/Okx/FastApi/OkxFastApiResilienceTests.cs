using Keyfolio.Exchanges.Okx.FastApi;
using Keyfolio.Simulator;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>
/// Server errors, silence, rate limits, broken answers and unreachable hosts during Fast connect. Every Fast API request
/// is a POST OKX may have acted on (a spent code, a created key), so none is ever sent twice.
/// </summary>
public sealed class OkxFastApiResilienceTests
{
    [Fact]
    public async Task A_server_error_is_diagnosed_unavailable_and_the_code_exchange_is_not_retried()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        simulation.Exchanges.Control.SetFault(new SimulatorFault { Exchange = "okx", ErrorRate = 1 });

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
        Assert.Equal(("50013", 500), (diagnosis.ExchangeCode, diagnosis.HttpStatus));
        Assert.Equal(1, TokenRequests(simulation));
    }

    [Fact]
    public async Task Maintenance_during_key_creation_is_diagnosed_unavailable_and_the_request_is_not_retried()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var tokens = await simulation.AuthorizeAsync(client);
        simulation.Exchanges.Control.SetFault(new SimulatorFault { Exchange = "okx", Maintenance = true });

        var diagnosis = simulation.Failed(await client.CreateReadOnlyKeyAsync(tokens, null, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
        Assert.Equal(("50001", 503), (diagnosis.ExchangeCode, diagnosis.HttpStatus));
        Assert.Single(simulation.Exchanges.Signatures.Requests, r => r == "POST /api/v5/users/oauth/apikey");
    }

    [Fact]
    public async Task A_request_that_is_never_answered_times_out_once()
    {
        await using var simulation = await FastApiSimulation.StartAsync(options: o => o.Timeout = TimeSpan.FromMilliseconds(300));
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        simulation.Exchanges.Control.SetFault(new SimulatorFault { Exchange = "okx", Hang = true });

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
        Assert.Null(diagnosis.HttpStatus);
        Assert.Equal("The exchange did not answer in time.", diagnosis.ExchangeMessage);
        Assert.Equal(1, TokenRequests(simulation));
    }

    [Fact]
    public async Task A_rate_limited_request_says_when_to_try_again()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        simulation.Exchanges.Control.SetFault(new SimulatorFault { Exchange = "okx", ForcedStatus = 429, RetryAfterSeconds = 30 });
        var before = DateTimeOffset.UtcNow;

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.RateLimited, diagnosis.Category);
        Assert.Equal(("50011", 429), (diagnosis.ExchangeCode, diagnosis.HttpStatus));
        Assert.InRange(diagnosis.RetryAt!.Value, before.AddSeconds(29), before.AddMinutes(1));
        Assert.Equal(1, TokenRequests(simulation));
    }

    [Fact]
    public async Task An_answer_cut_short_is_diagnosed_unavailable()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        simulation.Exchanges.Control.SetFault(new SimulatorFault { Exchange = "okx", MalformedJson = true });

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
        Assert.Equal(200, diagnosis.HttpStatus);
        Assert.Equal("The exchange's answer could not be read.", diagnosis.ExchangeMessage);
    }

    [Fact]
    public async Task A_region_okx_does_not_serve_is_diagnosed_region_blocked()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        simulation.Exchanges.Control.SetRestrictedLocation("okx", true);

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal((DiagnosisCategory.RegionBlocked, 451), (diagnosis.Category, diagnosis.HttpStatus));
    }

    [Fact]
    public async Task A_host_that_refuses_connections_is_diagnosed_unavailable()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        using var code = await simulation.ApproveAsync(simulation.Client());
        var unreachable = simulation.Client(o => o.ApiBaseUrl = new Uri("http://127.0.0.1:1"));

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await unreachable.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
        Assert.Equal("The connection to the exchange failed.", diagnosis.ExchangeMessage);
    }

    private static int TokenRequests(FastApiSimulation simulation) =>
        simulation.Exchanges.Signatures.Requests.Count(r => r == "POST " + OkxFastApiOptions.DefaultTokenPath);
}
