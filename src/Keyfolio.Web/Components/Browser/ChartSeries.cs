using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keyfolio.Web.Components.Browser;

/// <summary>One slice of an allocation chart: an asset (or exchange) and its value in USD.</summary>
public sealed record AllocationSlice(string Label, decimal ValueUsd);

/// <summary>One point of a value-over-time chart.</summary>
public sealed record ValuePoint(DateTimeOffset At, decimal ValueUsd);

/// <summary>
/// The JSON a chart's canvas carries in its <c>data-chart</c> attribute for js/charts.js. Amounts are written
/// as invariant-culture strings so no digit of a decimal is lost on the way to the browser.
/// </summary>
internal static class ChartSeries
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Allocation(IEnumerable<AllocationSlice> slices, string valueLabel) =>
        JsonSerializer.Serialize(
            new ChartData(
                "allocation",
                valueLabel,
                slices.Select(s => s.Label).ToArray(),
                slices.Select(s => Amount(s.ValueUsd)).ToArray()),
            Json);

    public static string ValueOverTime(IEnumerable<ValuePoint> points, string valueLabel) =>
        JsonSerializer.Serialize(
            new ChartData(
                "value",
                valueLabel,
                points.Select(p => p.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).ToArray(),
                points.Select(p => Amount(p.ValueUsd)).ToArray()),
            Json);

    public static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record ChartData(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("valueLabel")] string ValueLabel,
        [property: JsonPropertyName("labels")] string[] Labels,
        [property: JsonPropertyName("values")] string[] Values);
}
