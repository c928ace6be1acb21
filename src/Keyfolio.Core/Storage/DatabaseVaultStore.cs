using System.Data.Common;
using System.Runtime.CompilerServices;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Core.Storage;

/// <summary>
/// The vault's header and credential envelopes in the database. Every write is one transaction; the header is
/// replaced only at the revision the caller read (compare-and-swap), and a key rotation commits only when the
/// header and every credential are exactly as the vault read them. The audit entry recording a write goes into
/// <c>audit_entries</c> in the same transaction.
/// </summary>
public sealed class DatabaseVaultStore(KeyfolioDatabase database) : IVaultStore
{
    public async Task<VaultHeaderRecord?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeaderAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> TryCreateHeaderAsync(byte[] header, AuditRecord? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        return WriteAuditedAsync(
            audit,
            async (connection, transaction) =>
            {
                if (await ReadHeaderAsync(connection, transaction, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return false;
                }

                await using var insert = DbValues.Command(connection, transaction, "INSERT INTO vault_header (id, header, revision) VALUES (1, @header, 1)", ("@header", header));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<bool> TryReplaceHeaderAsync(long expectedRevision, byte[] header, AuditRecord? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        return WriteAuditedAsync(
            audit,
            async (connection, transaction) => await ReplaceHeaderAsync(connection, transaction, expectedRevision, header, cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    public async Task<StoredCredential?> ReadCredentialAsync(string credentialId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCredentialAsync(connection, null, credentialId, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<StoredCredential> ReadCredentialsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbValues.Command(connection, null, "SELECT id, exchange, envelope FROM credentials ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Credential(reader);
        }
    }

    public Task<bool> TryAddCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return WriteAuditedAsync(audit, (connection, transaction) => AddCredentialAsync(connection, transaction, credential, cancellationToken), cancellationToken);
    }

    public Task<bool> TryReplaceCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return WriteAuditedAsync(audit, (connection, transaction) => ReplaceCredentialAsync(connection, transaction, credential, cancellationToken), cancellationToken);
    }

    public Task<bool> TryRemoveCredentialAsync(string credentialId, AuditRecord? audit, CancellationToken cancellationToken) =>
        WriteAuditedAsync(audit, (connection, transaction) => RemoveCredentialAsync(connection, transaction, credentialId, cancellationToken), cancellationToken);

    public Task<bool> TryCommitRotationAsync(KeyRotation rotation, AuditRecord? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return WriteAuditedAsync(
            audit,
            async (connection, transaction) =>
            {
                var header = await ReadHeaderAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (header is null || header.Revision != rotation.ExpectedRevision)
                {
                    return false;
                }

                var stored = new Dictionary<string, StoredCredential>(StringComparer.Ordinal);
                await using (var command = DbValues.Command(connection, transaction, "SELECT id, exchange, envelope FROM credentials"))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var credential = Credential(reader);
                        stored.Add(credential.Address.CredentialId, credential);
                    }
                }

                var unchanged = stored.Count == rotation.Credentials.Count && rotation.Credentials.All(item =>
                    stored.TryGetValue(item.Address.CredentialId, out var current)
                    && current.Address == item.Address
                    && current.Envelope.AsSpan().SequenceEqual(item.PreviousEnvelope));
                if (!unchanged)
                {
                    return false;
                }

                foreach (var item in rotation.Credentials)
                {
                    await ReplaceCredentialAsync(connection, transaction, new StoredCredential(item.Address, item.Envelope), cancellationToken).ConfigureAwait(false);
                }

                if (!await ReplaceHeaderAsync(connection, transaction, rotation.ExpectedRevision, rotation.Header, cancellationToken).ConfigureAwait(false))
                {
                    throw new StorageException("The vault header changed inside the rotation's own transaction.");
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// One write transaction holding the change and, when given, its audit entry: committed only when the change was
    /// made and the entry's sequence number was free; otherwise rolled back, nothing written, false.
    /// </summary>
    private async Task<bool> WriteAuditedAsync(AuditRecord? audit, Func<DbConnection, DbTransaction, Task<bool>> change, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!await change(connection, transaction).ConfigureAwait(false)
            || (audit is not null && !await DatabaseAuditStore.AppendAsync(connection, transaction, audit, cancellationToken).ConfigureAwait(false)))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The header's revision inside a caller's transaction, so a credential written under a data key can be
    /// refused when a rotation replaced that key since it was read.</summary>
    internal static async Task<long?> ReadRevisionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await ReadHeaderAsync(connection, transaction, cancellationToken).ConfigureAwait(false))?.Revision;

    internal static async Task<bool> AddCredentialAsync(DbConnection connection, DbTransaction transaction, StoredCredential credential, CancellationToken cancellationToken)
    {
        if (await ReadCredentialAsync(connection, transaction, credential.Address.CredentialId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await using var insert = DbValues.Command(
            connection,
            transaction,
            "INSERT INTO credentials (id, exchange, envelope) VALUES (@id, @exchange, @envelope)",
            ("@id", credential.Address.CredentialId),
            ("@exchange", credential.Address.Exchange),
            ("@envelope", credential.Envelope));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    internal static async Task<bool> ReplaceCredentialAsync(DbConnection connection, DbTransaction transaction, StoredCredential credential, CancellationToken cancellationToken)
    {
        await using var update = DbValues.Command(
            connection,
            transaction,
            "UPDATE credentials SET exchange = @exchange, envelope = @envelope WHERE id = @id",
            ("@id", credential.Address.CredentialId),
            ("@exchange", credential.Address.Exchange),
            ("@envelope", credential.Envelope));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    internal static async Task<bool> RemoveCredentialAsync(DbConnection connection, DbTransaction transaction, string credentialId, CancellationToken cancellationToken)
    {
        await using var delete = DbValues.Command(connection, transaction, "DELETE FROM credentials WHERE id = @id", ("@id", credentialId));
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<VaultHeaderRecord?> ReadHeaderAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, transaction, "SELECT header, revision FROM vault_header WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new VaultHeaderRecord(DbValues.Bytes(reader, 0), reader.GetInt64(1))
            : null;
    }

    private static async Task<bool> ReplaceHeaderAsync(DbConnection connection, DbTransaction transaction, long expectedRevision, byte[] header, CancellationToken cancellationToken)
    {
        await using var update = DbValues.Command(
            connection,
            transaction,
            "UPDATE vault_header SET header = @header, revision = revision + 1 WHERE id = 1 AND revision = @revision",
            ("@header", header),
            ("@revision", expectedRevision));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<StoredCredential?> ReadCredentialAsync(DbConnection connection, DbTransaction? transaction, string credentialId, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, transaction, "SELECT id, exchange, envelope FROM credentials WHERE id = @id", ("@id", credentialId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Credential(reader) : null;
    }

    private static StoredCredential Credential(DbDataReader reader) =>
        new(new CredentialAddress(reader.GetString(0), reader.GetString(1)), DbValues.Bytes(reader, 2));
}
