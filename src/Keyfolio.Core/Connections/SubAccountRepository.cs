using System.Data.Common;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>
/// One sub-account of a connection's (master) account as Keyfolio knows it: its id on the exchange, its note there,
/// whether the person chose to include it, and whether the latest list still named it.
/// </summary>
public sealed record ConnectionSubAccount(string Id, string? Note, bool Frozen, bool Included, bool Listed, DateTimeOffset FirstListedAt);

/// <summary>The sub-accounts of one connection, by name: the latest list the exchange gave (when, or why it could not), each with
/// the person's choice.</summary>
public sealed record SubAccountList(IReadOnlyList<ConnectionSubAccount> SubAccounts, DateTimeOffset? ListedAt, Diagnosis? Refusal)
{
    public static SubAccountList None { get; } = new([], null, null);

    public IEnumerable<string> Included => SubAccounts.Where(s => s.Included).Select(s => s.Id);
}

/// <summary>The <c>sub_accounts</c> and <c>sub_account_lists</c> tables.</summary>
internal sealed class SubAccountRepository(KeyfolioDatabase database)
{
    public async Task<SubAccountList> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var subs = new List<ConnectionSubAccount>();
        await using (var command = DbValues.Command(
            connection,
            null,
            "SELECT sub_account, note, frozen, included, listed, first_listed_at FROM sub_accounts WHERE connection_id = @connection ORDER BY sub_account",
            ("@connection", connectionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                subs.Add(new ConnectionSubAccount(
                    reader.GetString(0),
                    DbValues.Text(reader, 1),
                    reader.GetInt64(2) != 0,
                    reader.GetInt64(3) != 0,
                    reader.GetInt64(4) != 0,
                    DbValues.FromMicroseconds(reader.GetInt64(5))));
            }
        }

        await using var list = DbValues.Command(connection, null, "SELECT listed_at, diagnosis FROM sub_account_lists WHERE connection_id = @connection", ("@connection", connectionId));
        await using var listReader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await listReader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SubAccountList(subs, DbValues.FromMicroseconds(listReader.GetInt64(0)), DbValues.Text(listReader, 1) is { } json ? CoreJson.Deserialize<Diagnosis>(json) : null)
            : new SubAccountList(subs, null, null);
    }

    /// <summary>
    /// Records the list the exchange gave: new sub-accounts are added, not included; known ones keep the person's choice
    /// and are marked as listed or no longer listed. A refusal keeps the sub-accounts known so far.
    /// </summary>
    public Task RecordListAsync(string connectionId, ExchangeResult<IReadOnlyList<SubAccount>> listed, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using (var upsertList = DbValues.Command(
                    connection,
                    transaction,
                    "INSERT INTO sub_account_lists (connection_id, listed_at, diagnosis) VALUES (@connection, @at, @diagnosis) " +
                    "ON CONFLICT (connection_id) DO UPDATE SET listed_at = excluded.listed_at, diagnosis = excluded.diagnosis",
                    ("@connection", connectionId),
                    ("@at", DbValues.ToMicroseconds(at)),
                    ("@diagnosis", DbValues.ToDb(listed.IsSuccess ? null : CoreJson.Serialize(listed.Diagnosis)))))
                {
                    await upsertList.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (!listed.IsSuccess)
                {
                    return;
                }

                await using (var unlist = DbValues.Command(connection, transaction, "UPDATE sub_accounts SET listed = 0 WHERE connection_id = @connection", ("@connection", connectionId)))
                {
                    await unlist.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var sub in listed.Value)
                {
                    await using var upsert = DbValues.Command(
                        connection,
                        transaction,
                        "INSERT INTO sub_accounts (connection_id, sub_account, note, frozen, included, listed, first_listed_at) VALUES (@connection, @id, @note, @frozen, 0, 1, @at) " +
                        "ON CONFLICT (connection_id, sub_account) DO UPDATE SET note = excluded.note, frozen = excluded.frozen, listed = 1",
                        ("@connection", connectionId),
                        ("@id", sub.Id),
                        ("@note", DbValues.ToDb(sub.Note)),
                        ("@frozen", sub.Frozen ? 1 : 0),
                        ("@at", DbValues.ToMicroseconds(at)));
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken);

    /// <summary>
    /// Writes the sub-accounts an export file carried for a connection being imported, in the transaction that adds the
    /// connection: each with its note, the person's choice and whether the exporting instance's latest list named it, and
    /// when that list was made. The exchange's refusal, if any, is not carried: the next refresh asks again.
    /// </summary>
    public static async Task RestoreAsync(DbConnection connection, DbTransaction transaction, string connectionId, SubAccountList list, CancellationToken cancellationToken)
    {
        if (list.ListedAt is { } listedAt)
        {
            await using var upsertList = DbValues.Command(
                connection,
                transaction,
                "INSERT INTO sub_account_lists (connection_id, listed_at, diagnosis) VALUES (@connection, @at, NULL)",
                ("@connection", connectionId),
                ("@at", DbValues.ToMicroseconds(listedAt)));
            await upsertList.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var sub in list.SubAccounts)
        {
            await using var insert = DbValues.Command(
                connection,
                transaction,
                "INSERT INTO sub_accounts (connection_id, sub_account, note, frozen, included, listed, first_listed_at) VALUES (@connection, @id, @note, @frozen, @included, @listed, @at)",
                ("@connection", connectionId),
                ("@id", sub.Id),
                ("@note", DbValues.ToDb(sub.Note)),
                ("@frozen", sub.Frozen ? 1 : 0),
                ("@included", sub.Included ? 1 : 0),
                ("@listed", sub.Listed ? 1 : 0),
                ("@at", DbValues.ToMicroseconds(sub.FirstListedAt)));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets whether a known sub-account is included; false when the connection has no such sub-account.</summary>
    public Task<bool> SetIncludedAsync(string connectionId, string subAccount, bool included, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var update = DbValues.Command(
                    connection,
                    transaction,
                    "UPDATE sub_accounts SET included = @included WHERE connection_id = @connection AND sub_account = @id",
                    ("@included", included ? 1 : 0),
                    ("@connection", connectionId),
                    ("@id", subAccount));
                return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);
}
