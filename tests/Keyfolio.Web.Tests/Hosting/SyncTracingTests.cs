using System.Globalization;
using System.Collections.Concurrent;
using System.Diagnostics;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary>The activity source <c>Keyfolio</c> over a real sync against the simulator: one activity per refresh, one
/// per exchange call beneath it, and no tag that carries a key, a secret, a passphrase, a signature or a label.</summary>
public sealed class SyncTracingTests
{
    [Fact]
    public async Task A_sync_is_an_activity_with_one_child_per_exchange_call_and_no_tag_holds_a_secret()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Keyfolio",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var config = SimulatorConfig.Demo();
        await using var simulator = await SimulatorHost.StartAsync(config);
        using var factory = KeyfolioWebFactory.WithSimulator(simulator, core => core.ManualRefreshCooldown = TimeSpan.Zero);
        await factory.EnsureVaultAsync();
        var accounts = new[] { (ExchangeId.Okx, config.Accounts.Single(a => a.Label == "OKX main")), (ExchangeId.Binance, config.Accounts.Single(a => a.Label == "Binance main")) };
        foreach (var (exchange, account) in accounts)
        {
            using var credentials = new KeyCredentials(account.ApiKey, account.Secret, account.Passphrase);
            Assert.True((await factory.Service<AddConnectionCommand>().AddAsync(new AddConnectionRequest(exchange, account.Label!, credentials), CancellationToken.None)).IsSuccess);
        }

        var ids = (await factory.Service<ConnectionService>().ListAsync(false, CancellationToken.None)).ToDictionary(v => v.Connection.Label, v => v.Connection.Id);
        foreach (var (_, account) in accounts)
        {
            var refreshed = await factory.Service<SyncService>().RefreshNowAsync(account.Label!, CancellationToken.None);
            Assert.True(refreshed.IsSuccess && refreshed.Value.Result == RefreshResult.Refreshed, refreshed.IsSuccess ? refreshed.Value.Result.ToString() : refreshed.Error.Message.For(CultureInfo.GetCultureInfo("en")));
        }

        var ourTraces = new HashSet<ActivityTraceId>();
        foreach (var (exchange, account) in accounts)
        {
            var sync = Assert.Single(stopped, a => a.OperationName == "keyfolio.sync" && Equals(a.GetTagItem("keyfolio.connection.id"), ids[account.Label!]));
            ourTraces.Add(sync.TraceId);
            var calls = stopped.Where(a => a.OperationName == "keyfolio.exchange.call" && a.ParentSpanId == sync.SpanId && a.TraceId == sync.TraceId).ToList();
            Assert.Equal("refreshed", sync.GetTagItem("keyfolio.result"));
            Assert.Equal(exchange.ToName(), sync.GetTagItem("keyfolio.exchange"));
            Assert.NotEmpty(calls);
            Assert.All(calls, call =>
            {
                Assert.Equal(exchange.ToName(), call.GetTagItem("keyfolio.exchange"));
                Assert.Equal("succeeded", call.GetTagItem("keyfolio.outcome"));
                Assert.Equal(200, call.GetTagItem("http.response.status_code"));
                Assert.StartsWith("/", (string)call.GetTagItem("keyfolio.endpoint")!, StringComparison.Ordinal);
            });
        }

        string[] canaries = [.. accounts.SelectMany(a => new[] { a.Item2.ApiKey, a.Item2.Secret, a.Item2.Passphrase, a.Item2.Label }).OfType<string>().Where(c => c.Length > 0)];
        Assert.Contains(accounts, a => a.Item2.Passphrase is { Length: > 0 });
        // The source is process-wide and other tests run alongside; judge the activities of this test's syncs.
        foreach (var activity in stopped.Where(a => ourTraces.Contains(a.TraceId)))
        {
            foreach (var (key, value) in activity.TagObjects)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                Assert.All(canaries, canary => Assert.DoesNotContain(canary, text, StringComparison.Ordinal));
                Assert.DoesNotContain("signature", key, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("sign=", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("?", text, StringComparison.Ordinal);
            }
        }
    }
}
