using System.Globalization;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Status;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Alerts;

/// <summary>
/// Finds the events worth telling the person about by comparing what sync and the health rules computed with what was
/// already alerted on: each condition that holds is a mark, a mark not seen before raises one alert, and a mark that no
/// longer holds is cleared (so the condition alerts again if it comes back). Reads only stored facts, so it works while
/// the vault is locked. The alerts and the marks are written in one transaction, so one event is one alert, however
/// many syncs and processes see it.
/// </summary>
public sealed class AlertMonitor
{
    private const string AuditSubject = "audit";
    private const string VaultSubject = "vault";
    private const string StatusMark = "status:";
    private const string ExpiringMark = "expiring:";
    private const string PortfolioSubject = "portfolio";
    private const int MostFallen = 3;

    private readonly KeyfolioDatabase _database;
    private readonly ConnectionService _connections;
    private readonly AuditTrail _audit;
    private readonly AlertRulesService _rules;
    private readonly ConnectionChangeFeed _changes;
    private readonly TimeProvider _time;
    private readonly AlertRepository _alerts;
    private readonly Portfolio.SnapshotRepository _snapshots;
    private readonly SemaphoreSlim _detecting = new(1, 1);

    internal AlertMonitor(KeyfolioDatabase database, ConnectionService connections, AuditTrail audit, AlertRulesService rules, ConnectionChangeFeed changes, TimeProvider time)
    {
        _database = database;
        _connections = connections;
        _audit = audit;
        _rules = rules;
        _changes = changes;
        _time = time;
        _alerts = new AlertRepository(database);
        _snapshots = new Portfolio.SnapshotRepository(database);
    }

    /// <summary>Raised after new alerts were queued.</summary>
    public event EventHandler<IReadOnlyList<AlertEvent>>? AlertsRaised;

    /// <summary>Compares the current state with what was alerted on, queues an alert per new event, and returns them.</summary>
    public async Task<IReadOnlyList<AlertEvent>> DetectAsync(CancellationToken cancellationToken)
    {
        await _detecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AlertEvent> raised;
        try
        {
            raised = await DetectCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _detecting.Release();
        }

        if (raised.Count > 0)
        {
            _changes.Raise(null, ConnectionUpdateKind.AlertsRaised);
            AlertsRaised?.Invoke(this, raised);
        }

        return raised;
    }

    /// <summary>The newest alerts first (at most <paramref name="limit"/>).</summary>
    public Task<IReadOnlyList<AlertEvent>> ListAsync(int limit, bool unreadOnly, CancellationToken cancellationToken) =>
        _alerts.ListAsync(Math.Clamp(limit, 1, 500), unreadOnly, cancellationToken);

    public Task<int> UnreadCountAsync(CancellationToken cancellationToken) => _alerts.UnreadCountAsync(cancellationToken);

    /// <summary>Marks every alert up to and including <paramref name="upToId"/> read.</summary>
    public Task<int> MarkReadAsync(long upToId, CancellationToken cancellationToken) => _alerts.MarkReadAsync(upToId, _time.GetUtcNow(), cancellationToken);

    private async Task<IReadOnlyList<AlertEvent>> DetectCoreAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var rules = await _rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var views = await _connections.ListAsync(false, cancellationToken).ConfigureAwait(false);
        var current = new List<Candidate>();
        foreach (var view in views)
        {
            current.AddRange(ConnectionMarks(view, rules, now));
        }

        if (!await _audit.IsIntactAsync(cancellationToken).ConfigureAwait(false))
        {
            current.Add(new Candidate(new AlertMark(AuditSubject, "broken"), Alert(AlertType.AuditChainBroken, AlertSeverity.Critical, null, AlertTexts.AuditBroken, AlertTexts.AuditBrokenFix, now)));
        }

        if (await UnlockFailuresAsync(rules.UnlockFailureThreshold, cancellationToken).ConfigureAwait(false) is { } failures && failures.Count >= rules.UnlockFailureThreshold)
        {
            current.Add(new Candidate(
                new AlertMark(VaultSubject, "unlock_failures:" + failures.SinceSequence.ToString(CultureInfo.InvariantCulture)),
                Alert(AlertType.UnlockFailures, AlertSeverity.Critical, null, AlertTexts.UnlockFailures(failures.Count), AlertTexts.UnlockFailuresFix, now)));
        }

        if (rules.ValueDropPercent is { } dropPercent && await ValueDropAsync(dropPercent, rules.IncludeFigures, views, now, cancellationToken).ConfigureAwait(false) is { } drop)
        {
            current.Add(drop);
        }

        // An event turned off is neither alerted nor marked: turned on again, it alerts if it holds then.
        current.RemoveAll(c => !rules.IsOn(c.Alert.Type));
        var active = views.ToDictionary(v => v.Connection.Id, StringComparer.Ordinal);
        return await _database.WriteAsync(
            async (connection, transaction) =>
            {
                var stored = await AlertRepository.ReadMarksAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var holding = current.Select(c => c.Mark).ToHashSet();
                var raised = new List<AlertEvent>();
                foreach (var subject in current.GroupBy(c => c.Mark.Subject, StringComparer.Ordinal))
                {
                    var fresh = subject.Where(c => !stored.Contains(c.Mark)).ToList();

                    // Crossing several expiry thresholds at once (first seen a day before expiry) says the nearest only.
                    var expiring = fresh.Where(c => c.Mark.Mark.StartsWith(ExpiringMark, StringComparison.Ordinal)).ToList();
                    foreach (var candidate in fresh.Where(c => !expiring.Contains(c) || c == expiring[^1]))
                    {
                        raised.Add(candidate.Alert);
                    }
                }

                // A key that was failing and no longer is works again.
                foreach (var (id, view) in active)
                {
                    var wasFailing = stored.Any(m => m.Subject == id && m.Mark.StartsWith(StatusMark, StringComparison.Ordinal));
                    var isFailing = holding.Any(m => m.Subject == id && m.Mark.StartsWith(StatusMark, StringComparison.Ordinal));
                    if (wasFailing && !isFailing && rules.IsOn(AlertType.KeyRecovered))
                    {
                        raised.Add(Alert(AlertType.KeyRecovered, AlertSeverity.Info, view.Connection, AlertTexts.Recovered(Subject(view.Connection)), AlertTexts.NothingToDo, now));
                    }
                }

                foreach (var mark in stored.Where(m => !holding.Contains(m)))
                {
                    await AlertRepository.RemoveMarkAsync(connection, transaction, mark, cancellationToken).ConfigureAwait(false);
                }

                foreach (var mark in holding.Where(m => !stored.Contains(m)))
                {
                    await AlertRepository.AddMarkAsync(connection, transaction, mark, now, cancellationToken).ConfigureAwait(false);
                }

                var queued = new List<AlertEvent>();
                foreach (var alert in raised)
                {
                    queued.Add(alert with { Id = await AlertRepository.InsertAsync(connection, transaction, alert, cancellationToken).ConfigureAwait(false) });
                }

                return (IReadOnlyList<AlertEvent>)queued;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conditions that hold for one connection, each with the alert it raises when new.</summary>
    private static IEnumerable<Candidate> ConnectionMarks(ConnectionView view, AlertRules rules, DateTimeOffset now)
    {
        var connection = view.Connection;
        var subject = Subject(connection);
        var status = view.Status;
        if (status.IsKeyProblem || status.Code == ConnectionStatusCode.MissingPermission)
        {
            yield return new Candidate(
                new AlertMark(connection.Id, StatusMark + status.Code),
                Alert(AlertType.KeyFailing, AlertSeverity.Critical, connection, AlertTexts.Failing(subject, status.Title, status.Explanation), status.Fix, now));
        }

        var facts = connection.Facts;
        if (facts?.Expiry is { Kind: KeyExpiryKind.Key, At: { } expiresAt } && expiresAt > now)
        {
            foreach (var threshold in rules.ExpiryThresholds.OrderByDescending(t => t))
            {
                if (expiresAt - now <= threshold)
                {
                    var stage = threshold.TotalHours.ToString(CultureInfo.InvariantCulture) + "h:" + DbValues.ToMicroseconds(expiresAt).ToString(CultureInfo.InvariantCulture);
                    yield return new Candidate(
                        new AlertMark(connection.Id, ExpiringMark + stage),
                        Alert(AlertType.KeyExpiring, threshold <= TimeSpan.FromDays(1) ? AlertSeverity.Critical : AlertSeverity.Warning, connection, AlertTexts.Expiring(subject, expiresAt, now), AlertTexts.ExpiringFix, now));
                }
            }
        }

        // A right is marked with the key it was seen on: a replacement key that has it too is a new event.
        var key = ":" + connection.KeyFingerprint;
        if (facts?.CanWithdraw == true)
        {
            yield return new Candidate(
                new AlertMark(connection.Id, "right:withdraw" + key),
                Alert(AlertType.WithdrawRight, AlertSeverity.Critical, connection, AlertTexts.Withdraw(subject), Health.WithdrawalGuidance.For(connection.Exchange), now));
        }

        if (facts?[KeyPermission.InternalTransfer] == PermissionState.Granted)
        {
            yield return new Candidate(new AlertMark(connection.Id, "right:transfer" + key), Alert(AlertType.TransferRight, AlertSeverity.Warning, connection, AlertTexts.Transfer(subject), AlertTexts.TransferFix, now));
        }

        if (facts?.CanTrade == true)
        {
            yield return new Candidate(new AlertMark(connection.Id, "right:trade" + key), Alert(AlertType.TradeRight, AlertSeverity.Warning, connection, AlertTexts.Trade(subject), AlertTexts.TradeFix, now));
        }

        var lastUse = connection.LastSuccessAt ?? connection.KeyReplacedAt ?? connection.CreatedAt;
        if (now - lastUse > rules.UnusedAfter)
        {
            yield return new Candidate(
                new AlertMark(connection.Id, "unused" + key),
                Alert(AlertType.KeyUnused, AlertSeverity.Warning, connection, AlertTexts.Unused(subject, rules.UnusedAfter), AlertTexts.UnusedFix, now));
        }

        // Marked with the reading's time: a later reading that goes stale too is a new event.
        if (view.Latest is { } reading && now - reading.TakenAt > rules.StaleAfter)
        {
            yield return new Candidate(
                new AlertMark(connection.Id, "stale:" + DbValues.ToMicroseconds(reading.TakenAt).ToString(CultureInfo.InvariantCulture)),
                Alert(AlertType.BalanceStale, AlertSeverity.Warning, connection, AlertTexts.Stale(subject, now - reading.TakenAt), AlertTexts.StaleFix, now));
        }

        if (view.Latest is { IsComplete: false } latest)
        {
            var (explanation, fix) = StatusTexts.Incomplete(latest, connection.Exchange);
            yield return new Candidate(new AlertMark(connection.Id, "incomplete"), Alert(AlertType.BalanceIncomplete, AlertSeverity.Warning, connection, AlertTexts.Incomplete(subject, explanation), fix, now));
        }
    }

    /// <summary>
    /// Whether the portfolio fell by more than <paramref name="percent"/> between each connection's two newest readings.
    /// Only connections whose both readings are complete count: a wallet that was not read is its own alert, not a loss,
    /// and a connection read once (just added) has nothing to compare. Marked with the newest reading's time, so the
    /// same readings alert once and a further fall at a later reading alerts again.
    /// </summary>
    private async Task<Candidate?> ValueDropAsync(int percent, bool figures, IReadOnlyList<ConnectionView> views, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readings = await _snapshots.LatestTwoValuesAsync(cancellationToken).ConfigureAwait(false);
        var compared = views
            .Select(v => (View: v, Readings: readings.GetValueOrDefault(v.Connection.Id) ?? []))
            .Where(c => c.Readings is [{ Complete: true }, { Complete: true }])
            .Select(c => (c.View, After: c.Readings[0], Before: c.Readings[1]))
            .ToList();
        var before = compared.Sum(c => c.Before.TotalUsd);
        var after = compared.Sum(c => c.After.TotalUsd);
        if (before <= 0m || after >= before)
        {
            return null;
        }

        var fall = (before - after) / before * 100m;
        if (fall <= percent)
        {
            return null;
        }

        var most = compared
            .Where(c => c.After.TotalUsd < c.Before.TotalUsd)
            .OrderByDescending(c => c.Before.TotalUsd - c.After.TotalUsd)
            .Take(MostFallen)
            .Select(c => (Subject(c.View.Connection), (c.Before.TotalUsd - c.After.TotalUsd) / c.Before.TotalUsd * 100m))
            .ToList();
        var newest = compared.Max(c => c.After.At);
        return new Candidate(
            new AlertMark(PortfolioSubject, "value_drop:" + DbValues.ToMicroseconds(newest).ToString(CultureInfo.InvariantCulture)),
            Alert(AlertType.ValueDrop, AlertSeverity.Warning, null, AlertTexts.ValueDrop(fall, most, figures ? (before, after) : null), AlertTexts.ValueDropFix, now));
    }

    /// <summary>How many unlocks failed since the last successful one (read from the audit log), and that one's sequence.</summary>
    private async Task<(int Count, long SinceSequence)?> UnlockFailuresAsync(int threshold, CancellationToken cancellationToken)
    {
        var lastUnlock = await _audit.ReadPageAsync(new AuditQuery { Action = AuditAction.VaultUnlocked, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        var since = lastUnlock.Count == 0 ? 0 : lastUnlock[0].Sequence;
        var failures = await _audit.ReadPageAsync(new AuditQuery { Action = AuditAction.UnlockFailed, Limit = Math.Min(threshold, AuditQuery.MaxLimit) }, cancellationToken).ConfigureAwait(false);
        var count = failures.Count(f => f.Sequence > since);
        return count == 0 ? null : (count, since);
    }

    private static LocalizedText Subject(Connection connection) => AlertTexts.Subject(connection.Label, connection.Descriptor.DisplayName);

    private static AlertEvent Alert(AlertType type, AlertSeverity severity, Connection? connection, LocalizedText message, LocalizedText fix, DateTimeOffset at) => new()
    {
        Type = type,
        Severity = severity,
        ConnectionId = connection?.Id,
        ConnectionLabel = connection?.Label,
        Exchange = connection?.Exchange,
        Message = message,
        Fix = fix,
        At = at,
    };

    private sealed record Candidate(AlertMark Mark, AlertEvent Alert);
}
