using System.Data.Common;
using System.Globalization;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Alerts;

/// <summary>A condition already alerted on: <paramref name="Subject"/> is a connection id, <c>audit</c> or <c>vault</c>.</summary>
internal readonly record struct AlertMark(string Subject, string Mark);

/// <summary>One alert waiting for a channel: how often it was tried.</summary>
internal sealed record PendingDelivery(AlertEvent Alert, int Attempts);

/// <summary>
/// The <c>alerts</c> queue, the <c>alert_marks</c> that keep one alert per event (a condition alerted on stays marked
/// while it holds, so the next sync raises nothing new), and each channel's <c>alert_deliveries</c>.
/// </summary>
internal sealed class AlertRepository(KeyfolioDatabase database)
{
    // An alert's texts are kept whole (message, fix: see RecordedTextJsonConverter), and in English and Simplified Chinese
    // beside them; an alert an earlier version kept in those two only shows them as they were recorded.
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo SimplifiedChinese = CultureInfo.GetCultureInfo("zh-Hans");

    private const string Columns = "id, type, severity, connection_id, connection_label, exchange, message_en, message_zh, fix_en, fix_zh, raised_at, read_at, message, fix";

    public static async Task<HashSet<AlertMark>> ReadMarksAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var marks = new HashSet<AlertMark>();
        await using var command = DbValues.Command(connection, transaction, "SELECT subject, mark FROM alert_marks");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            marks.Add(new AlertMark(reader.GetString(0), reader.GetString(1)));
        }

        return marks;
    }

    public static async Task AddMarkAsync(DbConnection connection, DbTransaction transaction, AlertMark mark, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(
            connection,
            transaction,
            "INSERT INTO alert_marks (subject, mark, since) VALUES (@subject, @mark, @at) ON CONFLICT (subject, mark) DO NOTHING",
            ("@subject", mark.Subject),
            ("@mark", mark.Mark),
            ("@at", DbValues.ToMicroseconds(at)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task RemoveMarkAsync(DbConnection connection, DbTransaction transaction, AlertMark mark, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, transaction, "DELETE FROM alert_marks WHERE subject = @subject AND mark = @mark", ("@subject", mark.Subject), ("@mark", mark.Mark));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, AlertEvent alert, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(
            connection,
            transaction,
            "INSERT INTO alerts (type, severity, connection_id, connection_label, exchange, message_en, message_zh, fix_en, fix_zh, raised_at, message, fix) " +
            "VALUES (@type, @severity, @connection, @label, @exchange, @message_en, @message_zh, @fix_en, @fix_zh, @at, @message, @fix) RETURNING id",
            ("@type", AlertCodes.ToCode(alert.Type)),
            ("@severity", AlertCodes.ToCode(alert.Severity)),
            ("@connection", DbValues.ToDb(alert.ConnectionId)),
            ("@label", DbValues.ToDb(alert.ConnectionLabel)),
            ("@exchange", DbValues.ToDb(alert.Exchange?.ToName())),
            ("@message_en", alert.Message.For(English)),
            ("@message_zh", alert.Message.For(SimplifiedChinese)),
            ("@fix_en", alert.Fix.For(English)),
            ("@fix_zh", alert.Fix.For(SimplifiedChinese)),
            ("@at", DbValues.ToMicroseconds(alert.At)),
            ("@message", CoreJson.Serialize(alert.Message)),
            ("@fix", CoreJson.Serialize(alert.Fix)));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The newest alerts first.</summary>
    public async Task<IReadOnlyList<AlertEvent>> ListAsync(int limit, bool unreadOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            $"SELECT {Columns} FROM alerts WHERE (@unread = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT @limit",
            ("@unread", unreadOnly ? 1 : 0),
            ("@limit", limit));
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, "SELECT COUNT(*) FROM alerts WHERE read_at IS NULL");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Marks every alert up to <paramref name="upToId"/> read; returns how many were unread.</summary>
    public Task<int> MarkReadAsync(long upToId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = DbValues.Command(
                    connection,
                    transaction,
                    "UPDATE alerts SET read_at = @at WHERE read_at IS NULL AND id <= @id",
                    ("@at", DbValues.ToMicroseconds(at)),
                    ("@id", upToId));
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>
    /// The alerts a channel has still to receive, oldest first: raised since <paramref name="since"/>, not delivered to it,
    /// tried fewer than <paramref name="maxAttempts"/> times and due for their next attempt.
    /// </summary>
    public async Task<IReadOnlyList<PendingDelivery>> PendingAsync(string channel, DateTimeOffset now, DateTimeOffset since, int maxAttempts, int limit, bool criticalOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            $"SELECT {string.Join(", ", Columns.Split(", ").Select(c => "a." + c))}, COALESCE(d.attempts, 0) FROM alerts a " +
            "LEFT JOIN alert_deliveries d ON d.alert_id = a.id AND d.channel = @channel " +
            "WHERE a.raised_at >= @since AND d.delivered_at IS NULL AND COALESCE(d.attempts, 0) < @max AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= @now) " +
            (criticalOnly ? "AND a.severity = @critical " : string.Empty) +
            "ORDER BY a.id LIMIT @limit",
            ("@critical", AlertCodes.ToCode(AlertSeverity.Critical)),
            ("@channel", channel),
            ("@since", DbValues.ToMicroseconds(since)),
            ("@max", maxAttempts),
            ("@now", DbValues.ToMicroseconds(now)),
            ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<PendingDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(new PendingDelivery(Read(reader), reader.GetInt32(14)));
        }

        return pending;
    }

    /// <summary>The earliest time a failed delivery to the channel is due again, or null when none waits.</summary>
    public async Task<DateTimeOffset?> NextRetryAsync(string channel, DateTimeOffset since, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(
            connection,
            null,
            "SELECT MIN(d.next_attempt_at) FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id " +
            "WHERE d.channel = @channel AND d.delivered_at IS NULL AND d.attempts < @max AND a.raised_at >= @since",
            ("@channel", channel),
            ("@max", maxAttempts),
            ("@since", DbValues.ToMicroseconds(since)));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : DbValues.FromMicroseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Claims the next attempt to deliver an alert to a channel for <paramref name="holder"/> until <paramref name="until"/>,
    /// so that of several servers on one database only one sends it: true when the delivery is still due and no other
    /// server's claim on it is running. A claim ends with the attempt's record, or when it expires (its server died while
    /// sending), after which another server sends the alert again.
    /// </summary>
    public Task<bool> TryClaimDeliveryAsync(long alertId, string channel, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.ClaimAsync(
            async (connection, transaction) =>
            {
                await using (var create = DbValues.Command(
                    connection,
                    transaction,
                    "INSERT INTO alert_deliveries (alert_id, channel, attempts) VALUES (@id, @channel, 0) ON CONFLICT (alert_id, channel) DO NOTHING",
                    ("@id", alertId),
                    ("@channel", channel)))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var read = DbValues.Command(
                    connection,
                    transaction,
                    "SELECT alert_id FROM alert_deliveries WHERE alert_id = @id AND channel = @channel AND delivered_at IS NULL " +
                    "AND (next_attempt_at IS NULL OR next_attempt_at <= @now) AND (claimed_until IS NULL OR claimed_until <= @now OR claimed_by = @holder)" + database.LockRowsSkippingHeld,
                    ("@id", alertId),
                    ("@channel", channel),
                    ("@now", DbValues.ToMicroseconds(now)),
                    ("@holder", holder)))
                {
                    if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                    {
                        return false;
                    }
                }

                await using var claim = DbValues.Command(
                    connection,
                    transaction,
                    "UPDATE alert_deliveries SET claimed_by = @holder, claimed_until = @until WHERE alert_id = @id AND channel = @channel",
                    ("@holder", holder),
                    ("@until", DbValues.ToMicroseconds(until)),
                    ("@id", alertId),
                    ("@channel", channel));
                await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>Records one attempt to deliver an alert to a channel: delivered, or due again at <paramref name="nextAttempt"/>; the claim on it ends.</summary>
    public Task RecordAttemptAsync(long alertId, string channel, bool delivered, DateTimeOffset at, DateTimeOffset? nextAttempt, string outcome, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = DbValues.Command(
                    connection,
                    transaction,
                    "INSERT INTO alert_deliveries (alert_id, channel, attempts, next_attempt_at, delivered_at, last_outcome) VALUES (@id, @channel, 1, @next, @delivered, @outcome) " +
                    "ON CONFLICT (alert_id, channel) DO UPDATE SET attempts = alert_deliveries.attempts + 1, next_attempt_at = excluded.next_attempt_at, delivered_at = excluded.delivered_at, last_outcome = excluded.last_outcome, claimed_by = NULL, claimed_until = NULL",
                    ("@id", alertId),
                    ("@channel", channel),
                    ("@next", DbValues.ToDb(delivered ? null : nextAttempt)),
                    ("@delivered", DbValues.ToDb(delivered ? at : null)),
                    ("@outcome", outcome));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private static async Task<IReadOnlyList<AlertEvent>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var alerts = new List<AlertEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(Read(reader));
        }

        return alerts;
    }

    private static AlertEvent Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Type = AlertCodes.TryParse(reader.GetString(1), out var type)
            ? type
            : throw new StorageException($"Alert {reader.GetInt64(0)} has a type this version does not know; it was written by a newer Keyfolio or edited."),
        Severity = AlertCodes.ParseSeverity(reader.GetString(2)),
        ConnectionId = DbValues.Text(reader, 3),
        ConnectionLabel = DbValues.Text(reader, 4),
        Exchange = DbValues.Text(reader, 5) is { } name && ExchangeIds.TryParse(name, out var exchange) ? exchange : null,
        Message = Text(reader, 12, 6),
        Fix = Text(reader, 13, 8),
        At = DbValues.FromMicroseconds(reader.GetInt64(10)),
        ReadAt = DbValues.Time(reader, 11),
    };

    /// <summary>The text stored whole in column <paramref name="whole"/>, or as recorded in the English and Chinese columns from <paramref name="english"/>.</summary>
    private static LocalizedText Text(DbDataReader reader, int whole, int english) =>
        DbValues.Text(reader, whole) is { } json
            ? CoreJson.Deserialize<LocalizedText>(json)!
            : RecordedTextJsonConverter.Recorded(reader.GetString(english), reader.GetString(english + 1));
}
