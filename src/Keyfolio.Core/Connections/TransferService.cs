using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Vault;

namespace Keyfolio.Core.Connections;

/// <summary>
/// Encrypted export and import of connections: every credential with its connection record, in the vault's export
/// format under an export password. Importing never overwrites: each connection gets a fresh id, a label made unique,
/// and a key already connected is skipped.
/// </summary>
public sealed class TransferService
{
    private readonly ConnectionService _connections;
    private readonly ImportConnectionCommand _import;
    private readonly VaultAccess _vault;

    internal TransferService(ConnectionService connections, ImportConnectionCommand import, VaultAccess vault)
    {
        _connections = connections;
        _import = import;
        _vault = vault;
    }

    /// <summary>Exports everything; asks for the master password again, as the vault does for export.</summary>
    public Task<CoreResult<byte[]>> ExportAsync(string masterPassword, string exportPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        ArgumentNullException.ThrowIfNull(exportPassword);
        return ExportAsync(masterPassword.AsMemory(), exportPassword.AsMemory(), cancellationToken);
    }

    /// <summary>As <see cref="ExportAsync(string, string, CancellationToken)"/>, both passwords kept in buffers the caller zeroes.</summary>
    public async Task<CoreResult<byte[]>> ExportAsync(ReadOnlyMemory<char> masterPassword, ReadOnlyMemory<char> exportPassword, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _vault.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return Errors.VaultMissing();
            }

            var records = await _connections.ListRecordsAsync(cancellationToken).ConfigureAwait(false);
            var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                var subAccounts = await _connections.SubAccountsOfAsync(record.Id, cancellationToken).ConfigureAwait(false);
                metadata[record.Id] = ExportedRecord.Write(record with { LastCheckDiagnosis = null, LastSyncDiagnosis = null }, subAccounts);
            }

            var vault = await _vault.GetVaultAsync(cancellationToken).ConfigureAwait(false);
            return await vault.ExportAsync(masterPassword, exportPassword, metadata, new AuditContext(AuditActor.Current), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (VaultAccess.Translate(exception) is { } error)
        {
            return error;
        }
    }

    /// <summary>Imports an export file into this vault, which must be unlocked.</summary>
    public Task<CoreResult<ImportReport>> ImportAsync(ReadOnlyMemory<byte> file, string exportPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exportPassword);
        return ImportAsync(file, exportPassword.AsMemory(), cancellationToken);
    }

    /// <summary>As <see cref="ImportAsync(ReadOnlyMemory{byte}, string, CancellationToken)"/>, the export password kept in a buffer the caller zeroes.</summary>
    public async Task<CoreResult<ImportReport>> ImportAsync(ReadOnlyMemory<byte> file, ReadOnlyMemory<char> exportPassword, CancellationToken cancellationToken)
    {
        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        try
        {
            using var import = await unlocked.Value.ImportAsync(file, exportPassword, new AuditContext(AuditActor.Current), cancellationToken).ConfigureAwait(false);
            var added = new List<string>();
            var skipped = new List<string>();
            foreach (var item in import.Items)
            {
                // Only connections carry a record; other vault items (the OKX Fast API client secret) belong to the exporting instance.
                if (item.Metadata.IsEmpty)
                {
                    continue;
                }

                if (ExportedRecord.Read(item.Metadata.Span) is not var (record, subAccounts))
                {
                    continue;
                }

                var (credentials, endpoint) = KeyCredentials.FromPayload(item.Payload);
                using var owned = credentials;

                // The endpoint sealed with the key, not the record's clear copy, says where the key may be used.
                var saved = await _import.ImportAsync(
                    record with { Exchange = endpoint.Exchange, Region = endpoint.Region, Environment = endpoint.Environment, CustomBaseUrl = endpoint.CustomBaseUrl },
                    credentials,
                    subAccounts,
                    cancellationToken).ConfigureAwait(false);
                if (!saved.IsSuccess)
                {
                    return saved.Error;
                }

                if (saved.Value is { } label)
                {
                    added.Add(label);
                }
                else
                {
                    skipped.Add(record.Label);
                }
            }

            return new ImportReport(added, skipped);
        }
        catch (Exception exception) when (VaultAccess.Translate(exception) is { } error)
        {
            return error;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or FormatException)
        {
            return new CoreError(
                CoreErrorKind.Corrupted,
                Texts.Of("TheExportFileHoldsConnection"),
                Texts.Of("ImportItWithTheKeyfolio"));
        }
    }
}

/// <summary>
/// A connection's record as an export file carries it: the connection's JSON, and beside its fields
/// <c>subAccounts</c> — the sub-accounts known for it, each with the person's choice, and when the exchange last listed
/// them. Files written before sub-accounts were carried have no <c>subAccounts</c> and import with none.
/// </summary>
internal static class ExportedRecord
{
    private const string SubAccountsProperty = "subAccounts";

    public static byte[] Write(Connection record, SubAccountList subAccounts)
    {
        var node = JsonSerializer.SerializeToNode(record, CoreJson.Options)!.AsObject();
        if (subAccounts.SubAccounts.Count > 0 || subAccounts.ListedAt is not null)
        {
            node[SubAccountsProperty] = JsonSerializer.SerializeToNode(
                new CarriedSubAccounts(subAccounts.ListedAt, [.. subAccounts.SubAccounts]),
                CoreJson.Options);
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString(CoreJson.Options));
    }

    public static (Connection Record, SubAccountList SubAccounts)? Read(ReadOnlySpan<byte> metadata)
    {
        if (JsonNode.Parse(metadata) is not JsonObject node)
        {
            return null;
        }

        var carried = node[SubAccountsProperty] is { } sub ? sub.Deserialize<CarriedSubAccounts>(CoreJson.Options) : null;
        node.Remove(SubAccountsProperty);
        if (node.Deserialize<Connection>(CoreJson.Options) is not { } record)
        {
            return null;
        }

        return (record, carried is null ? SubAccountList.None : new SubAccountList(carried.Items ?? [], carried.ListedAt, null));
    }

    private sealed record CarriedSubAccounts(DateTimeOffset? ListedAt, IReadOnlyList<ConnectionSubAccount>? Items);
}
