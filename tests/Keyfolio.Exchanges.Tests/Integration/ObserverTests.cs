using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Integration;

public sealed class ObserverTests
{
    [Fact]
    public async Task The_observer_sees_every_signed_call_with_path_outcome_and_connection_but_no_query()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        await exchanges[ExchangeId.Binance].VerifyAsync(exchanges.Account(ExchangeId.Binance, "main"), CancellationToken.None);

        var records = exchanges.Observer.Completed.ToList();
        Assert.Equal(
            ["/api/v3/account", "/sapi/v1/asset/get-funding-asset", "/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account",
             "/sapi/v1/simple-earn/flexible/position", "/sapi/v1/simple-earn/locked/position"],
            records.SkipLast(1).Select(r => r.Call.Path).Order(StringComparer.Ordinal));
        Assert.Equal("/sapi/v1/account/apiRestrictions", records[^1].Call.Path);
        Assert.All(records, r => Assert.Equal(("binance/main", ExchangeCallOutcome.Succeeded, 200), (r.Call.ConnectionId, r.Outcome, r.HttpStatus ?? 0)));
    }

    [Fact]
    public async Task An_observer_that_refuses_stops_the_call_before_it_is_sent()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        exchanges.Observer.Refuse = _ => true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => exchanges[ExchangeId.Gate].GetBalancesAsync(exchanges.Account(ExchangeId.Gate, "main"), CancellationToken.None));

        Assert.Equal(0, exchanges.Control.GetCounters("gate").Requests - CountClockRequests(exchanges));
    }

    [Fact]
    public async Task A_failed_call_is_recorded_with_its_category()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        await exchanges[ExchangeId.Okx].GetBalancesAsync(exchanges.Account(ExchangeId.Okx, "ip-locked"), CancellationToken.None);

        var record = Assert.Single(exchanges.Observer.Completed);
        Assert.Equal((ExchangeCallOutcome.Refused, DiagnosisCategory.IpNotAllowed, 401), (record.Outcome, record.Failure, record.HttpStatus));
    }

    /// <summary>The unsigned time request made to measure the clock is not a signed call.</summary>
    private static long CountClockRequests(SimulatedExchanges exchanges) => exchanges.Logs.Lines.Count(l => l.Contains("clock offset measured", StringComparison.Ordinal));
}
