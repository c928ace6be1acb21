using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Integration;

/// <summary>A server clock two minutes off is measured and corrected without the caller noticing.</summary>
public sealed class ClockTests
{
    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_server_clock_two_minutes_ahead_from_the_start_is_corrected(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        exchanges.Control.SetClockOffset(exchange.ToName(), TimeSpan.FromMinutes(2));

        var result = await exchanges[exchange].VerifyAsync(exchanges.Account(exchange, "main"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Null(result.Value.FactsFailure);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.Timestamped), MemberType = typeof(ExchangeData))]
    public async Task A_server_clock_that_moves_ten_minutes_behind_later_is_measured_again_and_the_call_retried_once(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var account = exchanges.Account(exchange, "main");
        Assert.True((await exchanges[exchange].GetBalancesAsync(account, CancellationToken.None)).IsSuccess);

        exchanges.Control.SetClockOffset(exchange.ToName(), TimeSpan.FromMinutes(-10));
        var result = await exchanges[exchange].GetBalancesAsync(account, CancellationToken.None);

        Assert.True(result.IsSuccess, result.ToString());
        var measured = exchanges.Logs.Lines
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"clock offset measured: (-?\d+) ms"))
            .Where(match => match.Success)
            .Select(match => long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(measured, offset => Math.Abs(offset + 600_000) < 2_000);
    }
}
