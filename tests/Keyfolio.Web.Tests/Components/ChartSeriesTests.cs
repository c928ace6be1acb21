using System.Globalization;
using System.Text.Json;
using Keyfolio.Web.Components.Browser;

namespace Keyfolio.Web.Tests.Components;

public sealed class ChartSeriesTests
{
    [Fact]
    public void Amounts_travel_as_invariant_strings_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var json = ChartSeries.Allocation([new AllocationSlice("BTC", 32500.123456789012345678m), new AllocationSlice("ETH", 0.5m)], "Value (USD)");

            using var spec = JsonDocument.Parse(json);
            Assert.Equal("allocation", spec.RootElement.GetProperty("kind").GetString());
            Assert.Equal(["BTC", "ETH"], spec.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["32500.123456789012345678", "0.5"], spec.RootElement.GetProperty("values").EnumerateArray().Select(e => e.GetString()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Value_points_carry_utc_instants()
    {
        var json = ChartSeries.ValueOverTime([new ValuePoint(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), 100m)], "Value (USD)", "≥ {0}");

        using var spec = JsonDocument.Parse(json);
        Assert.Equal("value", spec.RootElement.GetProperty("kind").GetString());
        Assert.Equal("2026-03-01T02:00:00Z", spec.RootElement.GetProperty("labels")[0].GetString());
        Assert.Equal("100", spec.RootElement.GetProperty("values")[0].GetString());
    }
}
