using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Hosting;

public sealed class BackgroundSyncTests
{
    [Fact]
    public async Task After_unlocking_the_background_sync_refreshes_due_connections_and_open_pages_are_told()
    {
        var config = SimulatorConfig.Demo();
        await using var simulator = await SimulatorHost.StartAsync(config);
        using var factory = KeyfolioWebFactory.WithSimulator(simulator, core => core.DefaultSyncInterval = TimeSpan.FromSeconds(10));
        await factory.EnsureVaultAsync();
        var account = config.Accounts.Single(a => a.Label == "Gate main");
        using (var credentials = new KeyCredentials(account.ApiKey, account.Secret))
        {
            Assert.True((await factory.Service<AddConnectionCommand>().AddAsync(new AddConnectionRequest(ExchangeId.Gate, "Gate main", credentials), CancellationToken.None)).IsSuccess);
        }

        using var client = await factory.CreateSignedInClientAsync();
        var id = (await ApiCalls.GetJsonAsync(client, "/api/connections"))[0].GetProperty("id").GetString();

        using var events = await client.GetAsync("/exchanges/events", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await events.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var seen = new List<string>();
        while (!seen.Contains("event: changed"))
        {
            seen.Add(await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The event stream ended."));
        }

        var snapshots = await ApiCalls.GetJsonAsync(client, $"/api/connections/{id}/snapshots");
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
        Assert.Equal("event: ready", seen[0]);
        Assert.Equal(2, snapshots.GetArrayLength());
    }
}
