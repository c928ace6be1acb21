using System.Data.Common;
using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Settings;

/// <summary>Named settings kept in the database, readable while the vault is locked. Never holds a secret.</summary>
public sealed class SettingsStore(KeyfolioDatabase database, TimeProvider time)
{
    public const string Language = "language";
    public const string EgressIpEchoUrl = "egress_ip.echo_url";
    public const string EgressIp = "egress_ip.address";
    public const string EgressIpSource = "egress_ip.source";
    public const string EgressIpSeenAt = "egress_ip.seen_at";

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, "SELECT value FROM settings WHERE name = @name", ("@name", name));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, "SELECT name, value FROM settings ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values[reader.GetString(0)] = reader.GetString(1);
        }

        return values;
    }

    /// <summary>Sets several settings in one transaction; a null value removes the setting.</summary>
    public Task SetAsync(IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        return database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, values, cancellationToken), cancellationToken);
    }

    /// <summary>Sets several settings inside the caller's transaction (one that also writes the audit entry recording them).</summary>
    internal async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            await using var command = value is null
                ? DbValues.Command(connection, transaction, "DELETE FROM settings WHERE name = @name", ("@name", name))
                : DbValues.Command(
                    connection,
                    transaction,
                    "INSERT INTO settings (name, value, updated_at) VALUES (@name, @value, @at) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    ("@name", name),
                    ("@value", value),
                    ("@at", DbValues.ToMicroseconds(time.GetUtcNow())));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SetAsync(string name, string? value, CancellationToken cancellationToken) =>
        SetAsync(new Dictionary<string, string?>(StringComparer.Ordinal) { [name] = value }, cancellationToken);
}
