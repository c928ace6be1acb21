using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keyfolio.Web.Components.Browser;

/// <summary>One slice of an allocation chart: an asset (or exchange) and its value in USD.</summary>
public sealed record AllocationSlice(string Label, decimal ValueUsd);

/// <summary>One point of a value-over-time chart; <see cref="Incomplete"/> when a wallet counted in it was not read, the
/// value then a lower bound.</summary>
public sealed record ValuePoint(DateTimeOffset At, decimal ValueUsd, bool Incomplete = false);

/// <summary>A moment to mark on a value-over-time chart (a connection added or removed) and what it says.</summary>
public sealed record ChartMarker(DateTimeOffset At, string Text);

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

    public static string ValueOverTime(IEnumerable<ValuePoint> points, string valueLabel, string atLeast, IEnumerable<ChartMarker>? markers = null) =>
        JsonSerializer.Serialize(
            new ChartData(
                "value",
                valueLabel,
                points.Select(p => p.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).ToArray(),
                points.Select(p => Amount(p.ValueUsd)).ToArray())
            {
                Incomplete = points.Any(p => p.Incomplete) ? [.. points.Select(p => p.Incomplete)] : null,
                AtLeast = atLeast,
                Markers = markers?.Select(m => new MarkerData(m.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), m.Text)).ToArray() is { Length: > 0 } written ? written : null,
            },
            Json);

    public static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record ChartData(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("valueLabel")] string ValueLabel,
        [property: JsonPropertyName("labels")] string[] Labels,
        [property: JsonPropertyName("values")] string[] Values)
    {
        /// <summary>Per point, whether its value is a lower bound (only when one is).</summary>
        [JsonPropertyName("incomplete")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool[]? Incomplete { get; init; }

        /// <summary>How a lower bound reads in the page's language, with {0} for the amount.</summary>
        [JsonPropertyName("atLeast")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? AtLeast { get; init; }

        /// <summary>Moments drawn as dashed lines across the chart, each with its text.</summary>
        [JsonPropertyName("markers")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public MarkerData[]? Markers { get; init; }
    }

    private sealed record MarkerData([property: JsonPropertyName("at")] string At, [property: JsonPropertyName("text")] string Text);
}
