using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Status;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Core.Tests.Sync;

public sealed class SyncServiceTests
{
    [Fact]
    public async Task Refreshing_all_writes_a_snapshot_per_connection()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Binance main");
        await harness.AddAsync("OKX main");
        await harness.AddAsync("HTX main");

        var outcomes = await harness.Sync.RefreshAllAsync(CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(RefreshResult.Refreshed, o.Result));
        Assert.Equal(6, (await harness.Portfolio.GetHistoryAsync(DateTimeOffset.MinValue, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_last_holdings_marked_stale_and_they_still_count()
    {
        await using var harness = await CoreHarness.StartAsync();
        var added = await harness.AddAsync("Gate main");
        harness.Simulator.Control.SetFault(new SimulatorFault { Exchange = "gate", Maintenance = true });

        var outcome = (await harness.Sync.RefreshAllAsync(CancellationToken.None)).Single();
        var view = (await harness.Connections.ListAsync(false, CancellationToken.None)).Single();
        var portfolio = await harness.Portfolio.GetAsync(CancellationToken.None);

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.Equal(ConnectionStatusCode.ExchangeUnavailable, view.Status.Code);
        Assert.True(view.IsStale);
        Assert.Equal(added.TotalUsd, view.TotalUsd);
        Assert.Equal(added.TotalUsd, portfolio.TotalUsd);
        Assert.Equal(added.TotalUsd, portfolio.StaleUsd);
    }

    [Fact]
    public async Task While_the_vault_is_locked_no_private_call_is_made_and_cached_balances_stay_readable()
    {
        await using var harness = await CoreHarness.StartAsync();
        var added = await harness.AddAsync("Bittrex main");
        await harness.Vault.LockAsync();
        harness.Simulator.Control.ResetCounters("bittrex");

        var outcome = (await harness.Sync.RefreshAllAsync(CancellationToken.None)).Single();
        var views = await harness.Connections.ListAsync(vaultLockApplies: true, CancellationToken.None);

        Assert.Equal(RefreshResult.Skipped, outcome.Result);
        Assert.Equal(0, harness.Simulator.Control.GetCounters("bittrex").Requests);
        Assert.Equal(ConnectionStatusCode.VaultLocked, views.Single().Status.Code);
        Assert.Equal(added.TotalUsd, views.Single().TotalUsd);
        Assert.True(views.Single().IsStale);
    }

    [Fact]
    public async Task Locking_stops_a_refresh_in_flight_and_no_private_request_reaches_the_exchange_after_it()
    {
        var held = new HeldRequest(path => path.StartsWith("/sapi/", StringComparison.Ordinal) || path == "/api/v3/account");
        await using var harness = await CoreHarness.StartAsync(configure: services =>
            services.AddHttpClient(ServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => held));
        await harness.AddAsync("Binance main");
        harness.Simulator.Control.ResetCounters("binance");
        held.Arm();

        var refresh = harness.Sync.RefreshAllAsync(CancellationToken.None);
        await held.Arrived.WaitAsync(TimeSpan.FromMinutes(1));
        await harness.Vault.LockAsync();
        held.Release();
        var outcome = (await refresh.WaitAsync(TimeSpan.FromMinutes(1))).Single();

        Assert.Equal(RefreshResult.Skipped, outcome.Result);
        Assert.Equal(CoreErrorKind.VaultLocked, outcome.Error?.Kind);
        Assert.Equal(0, harness.Simulator.Control.GetCounters("binance").Requests);
    }

    [Fact]
    public async Task A_manual_refresh_within_the_cooldown_is_refused_with_the_time_it_is_allowed()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("HitBTC main");

        var first = await harness.Sync.RefreshNowAsync("HitBTC main", CancellationToken.None);
        var second = await harness.Sync.RefreshNowAsync("HitBTC main", CancellationToken.None);

        Assert.Equal(RefreshResult.Refreshed, first.Value!.Result);
        Assert.Equal(CoreErrorKind.CooldownActive, second.Error?.Kind);
        Assert.NotNull(second.Error!.RetryAt);
    }

    [Fact]
    public async Task A_rate_limited_key_shows_until_when()
    {
        await using var harness = await CoreHarness.StartAsync();
        var view = await harness.AddAsync("Gate rate-limited", r => r with { KeepWhenRefused = true });

        Assert.Equal(ConnectionStatusCode.RateLimited, view.Status.Code);
        Assert.NotNull(view.Status.Until);
    }

    [Fact]
    public async Task An_exchange_that_starts_refusing_with_429_is_shown_rate_limited_until_its_time_not_connected()
    {
        await using var harness = await CoreHarness.StartAsync();
        var added = await harness.AddAsync("Gate main");
        harness.Simulator.Control.SetFault(new SimulatorFault { Exchange = "gate", ApiKeys = [harness.Account("Gate main").ApiKey], ForcedStatus = 429, RetryAfterSeconds = 120 });

        var outcome = (await harness.Sync.RefreshAllAsync(CancellationToken.None)).Single();
        var view = (await harness.Connections.ListAsync(false, CancellationToken.None)).Single();

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.Equal(ConnectionStatusCode.RateLimited, view.Status.Code);
        Assert.Equal(429, view.Status.Diagnosis?.HttpStatus);
        Assert.NotNull(view.Status.Until);
        Assert.True(view.IsStale);
        Assert.Equal(added.TotalUsd, view.TotalUsd);
    }

    [Fact]
    public async Task A_connection_can_have_its_own_refresh_interval_within_bounds()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("OKX main");

        var set = await harness.Get<SetSyncIntervalCommand>().SetAsync(await harness.IdOfAsync("OKX main"), TimeSpan.FromMinutes(15), CancellationToken.None);
        var tooShort = await harness.Get<SetSyncIntervalCommand>().SetAsync(await harness.IdOfAsync("OKX main"), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(15), set.Value!.Connection.SyncInterval);
        Assert.Equal(CoreErrorKind.BadInput, tooShort.Error?.Kind);
    }
}
