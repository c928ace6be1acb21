using System.Diagnostics;
using System.Diagnostics.Metrics;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Exchanges.Telemetry;

namespace Keyfolio.Core.Telemetry;

/// <summary>
/// The core's metrics and traces, on the meter and activity source every Keyfolio part shares
/// (<see cref="ExchangeTelemetry.MeterName"/>): sync duration and lag, connections by status, unlock failures, and an
/// activity per refresh of one connection. Tags hold exchange names, statuses, results and connection ids, never a
/// label, a key or an amount.
/// </summary>
internal static class CoreTelemetry
{
    public const string SyncActivityName = "keyfolio.sync";

    private static readonly Meter Meter = new(ExchangeTelemetry.MeterName);
    private static readonly ActivitySource Source = new(ExchangeTelemetry.SourceName);
    private static readonly Lock Guard = new();
    private static Dictionary<(string Exchange, string Status), int> _byStatus = [];
    private static Dictionary<string, DateTimeOffset> _oldestSuccess = new(StringComparer.Ordinal);
    private static TimeProvider _time = TimeProvider.System;

    private static readonly Histogram<double> SyncDuration = Meter.CreateHistogram<double>(
        "keyfolio.sync.duration", "s", "How long one refresh of one connection took (key facts, balances, prices and the write), by exchange and result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    private static readonly Counter<long> UnlockFailures = Meter.CreateCounter<long>(
        "keyfolio.vault.unlock.failures", "{attempt}", "Unlock attempts refused: a wrong master password, or too many attempts.");

    static CoreTelemetry()
    {
        Meter.CreateObservableGauge(
            "keyfolio.connections",
            ObserveConnections,
            "{connection}",
            "Connections by exchange and status, as last listed or synced.");
        Meter.CreateObservableGauge(
            "keyfolio.sync.lag",
            ObserveLag,
            "s",
            "Per exchange, how long ago the connection synced least recently last succeeded.");
    }

    public static Activity? StartSync(Connection connection)
    {
        var activity = Source.StartActivity(SyncActivityName, ActivityKind.Internal);
        activity?.SetTag("keyfolio.exchange", connection.Exchange.ToName());
        activity?.SetTag("keyfolio.connection.id", connection.Id);
        return activity;
    }

    public static void SyncEnded(Activity? activity, ExchangeId exchange, RefreshOutcome outcome, TimeSpan duration)
    {
        var result = outcome.Result.ToString().ToLowerInvariant();
        SyncDuration.Record(duration.TotalSeconds, new TagList { { "exchange", exchange.ToName() }, { "result", result } });
        if (activity is not null)
        {
            activity.SetTag("keyfolio.result", result);
            if (outcome.Diagnosis is { } diagnosis)
            {
                activity.SetTag("keyfolio.refusal", diagnosis.Category.ToString());
            }

            activity.SetStatus(outcome.Result == RefreshResult.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        }
    }

    public static void UnlockFailed(string reason) => UnlockFailures.Add(1, new TagList { { "reason", reason } });

    /// <summary>Takes the statuses and last successes of every connection, for the gauges.</summary>
    public static void Observed(IReadOnlyList<ConnectionView> views, TimeProvider time)
    {
        var byStatus = new Dictionary<(string, string), int>();
        var oldest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var view in views)
        {
            var exchange = view.Connection.Exchange.ToName();
            var key = (exchange, view.Status.Code.ToString());
            byStatus[key] = byStatus.GetValueOrDefault(key) + 1;
            if (view.Connection.LastSuccessAt is { } success && (!oldest.TryGetValue(exchange, out var seen) || success < seen))
            {
                oldest[exchange] = success;
            }
        }

        lock (Guard)
        {
            _byStatus = byStatus;
            _oldestSuccess = oldest;
            _time = time;
        }
    }

    private static IEnumerable<Measurement<int>> ObserveConnections()
    {
        lock (Guard)
        {
            return [.. _byStatus.Select(entry => new Measurement<int>(entry.Value, new KeyValuePair<string, object?>("exchange", entry.Key.Exchange), new KeyValuePair<string, object?>("status", entry.Key.Status)))];
        }
    }

    private static IEnumerable<Measurement<double>> ObserveLag()
    {
        lock (Guard)
        {
            var now = _time.GetUtcNow();
            return [.. _oldestSuccess.Select(entry => new Measurement<double>(Math.Max(0, (now - entry.Value).TotalSeconds), new KeyValuePair<string, object?>("exchange", entry.Key)))];
        }
    }
}
