using System.Data.Common;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Health;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Status;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Telemetry;
using Keyfolio.Exchanges;
using Keyfolio.Vault;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;

namespace Keyfolio.Core.Connections;

/// <summary>
/// Adds, checks, replaces, removes and lists connections. Adding runs the local format check, one verifying call,
/// reads the key's facts, applies the withdrawal policy, then stores the encrypted key, the connection and its first
/// snapshot in one transaction after the audit entry is written; any failure leaves nothing stored. Replacing
/// verifies the new key first and swaps it in one transaction, keeping the history.
/// </summary>
public sealed class ConnectionService
{

    private readonly KeyfolioDatabase _database;
    private readonly ConnectionRepository _connections;
    private readonly SnapshotRepository _snapshots;
    private readonly VaultAccess _vault;
    private readonly AuditTrail _audit;
    private readonly ExchangeConnectors _connectors;
    private readonly SnapshotBuilder _snapshotBuilder;
    private readonly EgressAddressService _egress;
    private readonly KeyfolioCoreOptions _options;
    private readonly TimeProvider _time;

    internal ConnectionService(
        KeyfolioDatabase database,
        VaultAccess vault,
        AuditTrail audit,
        ExchangeConnectors connectors,
        SnapshotBuilder snapshotBuilder,
        EgressAddressService egress,
        KeyfolioCoreOptions options,
        TimeProvider time)
    {
        _database = database;
        _connections = new ConnectionRepository(database);
        _snapshots = new SnapshotRepository(database);
        _vault = vault;
        _audit = audit;
        _connectors = connectors;
        _snapshotBuilder = snapshotBuilder;
        _egress = egress;
        _options = options;
        _time = time;
    }

    /// <summary>Every active connection with its status, findings and latest holdings. Works while the vault is locked.</summary>
    /// <param name="vaultLockApplies">Show "vault locked" while the vault is locked (the web app); a one-shot command
    /// passes false to show the status of the last verification and sync.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public async Task<IReadOnlyList<ConnectionView>> ListAsync(bool vaultLockApplies, CancellationToken cancellationToken)
    {
        var connections = await _connections.ListAsync(cancellationToken).ConfigureAwait(false);
        var latest = await _snapshots.LatestAsync(cancellationToken).ConfigureAwait(false);
        var egress = (await _egress.GetAsync(cancellationToken).ConfigureAwait(false))?.Address;
        var now = _time.GetUtcNow();
        var locked = vaultLockApplies && !_vault.IsUnlocked;
        // Keys used by more than one connection, found once for the list rather than once per connection.
        var byKey = connections.ToLookup(c => c.KeyFingerprint, StringComparer.Ordinal);
        IReadOnlyList<ConnectionView> views = [.. connections.Select(c => View(c, byKey[c.KeyFingerprint], latest.GetValueOrDefault(c.Id), egress, now, locked))];
        if (!locked)
        {
            CoreTelemetry.Observed(views, _time);
        }

        return views;
    }

    public async Task<ConnectionView?> GetAsync(string label, bool vaultLockApplies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var key = ConnectionRepository.LabelKey(label);
        return (await ListAsync(vaultLockApplies, cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => ConnectionRepository.LabelKey(v.Connection.Label) == key);
    }

    /// <summary>The label of each connection id, removed connections included, for naming the entries of the audit log.</summary>
    public Task<IReadOnlyDictionary<string, string>> LabelsAsync(CancellationToken cancellationToken) => _connections.LabelsAsync(cancellationToken);

    /// <summary>Adds a connection; see the class summary for the steps. The vault must be unlocked.</summary>
    public async Task<CoreResult<ConnectionView>> AddAsync(AddConnectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var label = ConnectionLabel.Normalize(request.Label);
        var descriptor = ExchangeCatalog.Get(request.Exchange);
        if ((CheckLabel(label) ?? CheckEndpoint(descriptor, request.Region, request.Environment, request.CustomBaseUrl) ?? CheckFormat(descriptor, request.Credentials)) is { } invalid)
        {
            return invalid;
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        string fingerprint;
        try
        {
            fingerprint = await _audit.FingerprintAsync(request.Credentials.ApiKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }

        if (await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Errors.DuplicateLabel(label);
        }

        if (await _connections.LabelUsingKeyAsync(fingerprint, null, cancellationToken).ConfigureAwait(false) is { } other)
        {
            return Errors.DuplicateKey(other);
        }

        var row = new Connection
        {
            Id = ConnectionIds.New(),
            Label = label,
            Exchange = request.Exchange,
            Region = request.Region,
            Environment = request.Environment,
            CustomBaseUrl = request.CustomBaseUrl,
            ApiKeyLastFour = request.Credentials.LastFour,
            KeyFingerprint = fingerprint,
            CreatedAt = _time.GetUtcNow(),
        };
        var verified = await VerifyAsync(row, request.Credentials, decrypted: false, null, cancellationToken).ConfigureAwait(false);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var (verification, diagnosis) = verified.Value;
        if (diagnosis is not null && !request.KeepWhenRefused)
        {
            return Errors.NotSaved(diagnosis, replacing: false);
        }

        var facts = verification?.Facts;
        if (Policy(request.Exchange, label, facts, request.AllowWithdrawal, request.WithdrawalConfirmation) is { } refused)
        {
            return refused;
        }

        var now = _time.GetUtcNow();
        row = row with
        {
            Facts = facts,
            WithdrawalAllowed = facts?.CanWithdraw == true,
            LastCheckedAt = now,
            LastCheckDiagnosis = diagnosis,
            LastSuccessAt = diagnosis is null ? now : null,
        };
        var snapshot = verification is null ? null : await _snapshotBuilder.BuildAsync(row.Id, row.Endpoint, verification.Balances, previous: null, cancellationToken).ConfigureAwait(false);
        var saved = await CommitCredentialAsync(
            AuditAction.CredentialAdded,
            row,
            request.Credentials,
            async (connection, transaction, stored) =>
            {
                if (await ConnectionRepository.LabelInUseAsync(connection, transaction, label, null, cancellationToken).ConfigureAwait(false))
                {
                    return Errors.DuplicateLabel(label);
                }

                if (await ConnectionRepository.LabelUsingKeyAsync(connection, transaction, fingerprint, null, cancellationToken).ConfigureAwait(false) is { } taken)
                {
                    return Errors.DuplicateKey(taken);
                }

                if (!await SqliteVaultStore.AddCredentialAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false))
                {
                    return Conflict();
                }

                await ConnectionRepository.InsertAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                if (snapshot is not null)
                {
                    await SnapshotRepository.InsertAsync(connection, transaction, snapshot, cancellationToken).ConfigureAwait(false);
                }

                return null;
            },
            cancellationToken).ConfigureAwait(false);
        return saved is null
            ? (await GetAsync(label, vaultLockApplies: false, cancellationToken).ConfigureAwait(false))!
            : saved;
    }

    /// <summary>
    /// Replaces a connection's key: the new key is verified first; on success it is swapped in with its facts in one
    /// transaction and the history stays; on any failure the old key is kept untouched.
    /// </summary>
    public async Task<CoreResult<KeyReplacement>> ReplaceKeyAsync(ReplaceKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = await _connections.FindByLabelAsync(request.Label, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionNotFound(request.Label);
        }

        if (CheckFormat(current.Descriptor, request.Credentials) is { } invalid)
        {
            return invalid;
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        if (await ConfirmEndpointAsync(current, cancellationToken).ConfigureAwait(false) is { } unconfirmed)
        {
            return unconfirmed;
        }

        string fingerprint;
        try
        {
            fingerprint = await _audit.FingerprintAsync(request.Credentials.ApiKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }

        if (await _connections.LabelUsingKeyAsync(fingerprint, current.Id, cancellationToken).ConfigureAwait(false) is { } other)
        {
            return Errors.DuplicateKey(other);
        }

        var candidate = current with { KeyFingerprint = fingerprint, ApiKeyLastFour = request.Credentials.LastFour };
        var verified = await VerifyAsync(candidate, request.Credentials, decrypted: false, null, cancellationToken).ConfigureAwait(false);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var (verification, diagnosis) = verified.Value;
        if (diagnosis is not null)
        {
            return Errors.NotSaved(diagnosis, replacing: true);
        }

        var facts = verification!.Facts;
        if (Policy(current.Exchange, current.Label, facts, request.AllowWithdrawal, request.WithdrawalConfirmation) is { } refused)
        {
            return refused;
        }

        var now = _time.GetUtcNow();
        var replaced = candidate with
        {
            Facts = facts,
            WithdrawalAllowed = facts?.CanWithdraw == true,
            KeyReplacedAt = now,
            LastCheckedAt = now,
            LastCheckDiagnosis = null,
            LastSuccessAt = now,
        };
        var previous = await _snapshots.LatestOfAsync(current.Id, cancellationToken).ConfigureAwait(false);
        var snapshot = await _snapshotBuilder.BuildAsync(current.Id, current.Endpoint, verification.Balances, previous, cancellationToken).ConfigureAwait(false);
        var saved = await CommitCredentialAsync(
            AuditAction.CredentialReplaced,
            replaced,
            request.Credentials,
            async (connection, transaction, stored) =>
            {
                if (await ConnectionRepository.LabelUsingKeyAsync(connection, transaction, fingerprint, current.Id, cancellationToken).ConfigureAwait(false) is { } taken)
                {
                    return Errors.DuplicateKey(taken);
                }

                if (!await SqliteVaultStore.ReplaceCredentialAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false)
                    || !await ConnectionRepository.UpdateAsync(connection, transaction, replaced, cancellationToken).ConfigureAwait(false))
                {
                    return Conflict();
                }

                await SnapshotRepository.InsertAsync(connection, transaction, snapshot, cancellationToken).ConfigureAwait(false);
                return null;
            },
            cancellationToken).ConfigureAwait(false);
        if (saved is not null)
        {
            return saved;
        }

        var view = (await GetAsync(current.Label, vaultLockApplies: false, cancellationToken).ConfigureAwait(false))!;
        return new KeyReplacement(view, SameKey: string.Equals(fingerprint, current.KeyFingerprint, StringComparison.Ordinal));
    }

    /// <summary>
    /// Corrects one field of the stored key — its secret or its passphrase — and keeps the rest, so a passphrase typed
    /// wrong is fixed without the key and secret again (an exchange shows a secret once). The corrected key is verified
    /// and kept exactly as a replacement is (<see cref="ReplaceKeyAsync"/>: the withdrawal policy, one transaction, the
    /// audit entry); on any failure the stored key is untouched. The API key itself is not corrected: another key is
    /// a replacement.
    /// </summary>
    public async Task<CoreResult<KeyReplacement>> CorrectCredentialAsync(string label, CredentialFieldKind field, ReadOnlyMemory<char> value, CancellationToken cancellationToken)
    {
        var current = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        if (field == CredentialFieldKind.ApiKey || !current.Descriptor.CredentialFields.Any(f => f.Kind == field))
        {
            return Errors.NotCorrectable(current, field);
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var opened = await OpenCredentialsAsync(current, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        using var stored = opened.Value;
        using var corrected = field == CredentialFieldKind.Secret
            ? new KeyCredentials(stored.ApiKey, value.Span, stored.Passphrase)
            : new KeyCredentials(stored.ApiKey, stored.Secret, value.Span);
        return await ReplaceKeyAsync(new ReplaceKeyRequest(current.Label, corrected), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the connection's credentials; keeps its history unless <paramref name="deleteHistory"/>. The answer
    /// reminds the person to delete the key on the exchange too.
    /// </summary>
    public async Task<CoreResult<RemovedConnection>> RemoveAsync(string label, bool deleteHistory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var current = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var auditEvent = new AuditEvent(AuditActor.Current, AuditAction.CredentialRemoved)
        {
            ConnectionId = current.Id,
            KeyFingerprint = current.KeyFingerprint,
            Outcome = deleteHistory ? "history deleted" : "history kept",
        };
        var error = await CommitAuditedAsync(
            auditEvent,
            async (connection, transaction) =>
            {
                await SqliteVaultStore.RemoveCredentialAsync(connection, transaction, current.Id, cancellationToken).ConfigureAwait(false);
                if (deleteHistory)
                {
                    await ConnectionRepository.DeleteAsync(connection, transaction, current.Id, cancellationToken).ConfigureAwait(false);
                }
                else if (!await ConnectionRepository.MarkRemovedAsync(connection, transaction, current.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    return Conflict();
                }

                return null;
            },
            cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var page = current.Descriptor.ApiManagementPage;
        return new RemovedConnection(
            current.Label,
            current.Exchange,
            page,
            deleteHistory,
            new(
                $"Keyfolio no longer holds this key, but it still exists on {current.Descriptor.DisplayName}: delete it there too, at {page} (key ending {current.ApiKeyLastFour}).",
                $"Keyfolio 已不再保存此密钥，但它仍存在于 {current.Descriptor.DisplayName}：请同时在 {page} 删除它（结尾为 {current.ApiKeyLastFour} 的密钥）。"));
    }

    /// <summary>Verifies the stored key again now, refreshing its facts (and the holdings when it answers).</summary>
    public async Task<CoreResult<ConnectionView>> CheckAsync(string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var current = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        var opened = await OpenCredentialsAsync(current, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        using var credentials = opened.Value;
        var verified = await VerifyAsync(current, credentials, decrypted: true, current.Facts, cancellationToken).ConfigureAwait(false);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var (verification, diagnosis) = verified.Value;
        var now = _time.GetUtcNow();
        var updated = current with
        {
            Facts = verification?.Facts ?? current.Facts,
            LastCheckedAt = now,
            LastCheckDiagnosis = diagnosis,
            LastSuccessAt = diagnosis is null ? now : current.LastSuccessAt,
        };
        var snapshot = verification is null
            ? null
            : await _snapshotBuilder.BuildAsync(current.Id, current.Endpoint, verification.Balances, await _snapshots.LatestOfAsync(current.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await _database.WriteAsync(
            async (connection, transaction) =>
            {
                if (await ConnectionRepository.UpdateAsync(connection, transaction, updated, cancellationToken).ConfigureAwait(false) && snapshot is not null)
                {
                    await SnapshotRepository.InsertAsync(connection, transaction, snapshot, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return (await GetAsync(current.Label, vaultLockApplies: false, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Sets how often the scheduler refreshes the connection; null restores the default.</summary>
    public async Task<CoreResult<ConnectionView>> SetSyncIntervalAsync(string label, TimeSpan? interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (interval is { } value && (value < TimeSpan.FromMinutes(1) || value > TimeSpan.FromDays(1)))
        {
            return Errors.BadInput(
                "interval",
                new("The refresh interval must be between 1 minute and 1 day.", "刷新间隔须在 1 分钟到 1 天之间。"),
                new("Choose, for example, 5 minutes.", "例如选择 5 分钟。"));
        }

        var current = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        await _connections.UpdateAsync(current with { SyncInterval = interval }, cancellationToken).ConfigureAwait(false);
        return (await GetAsync(label, vaultLockApplies: false, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Stores a connection read from an export file under a fresh id, with its label made unique; skipped (false) when
    /// its key is already used by another connection, so nothing stored is overwritten.
    /// </summary>
    internal async Task<CoreResult<string?>> SaveImportedAsync(Connection imported, KeyCredentials credentials, SubAccountList subAccounts, CancellationToken cancellationToken)
    {
        if (CheckEndpoint(imported.Descriptor, imported.Region, imported.Environment, imported.CustomBaseUrl) is { } invalid)
        {
            return invalid;
        }

        string fingerprint;
        try
        {
            fingerprint = await _audit.FingerprintAsync(credentials.ApiKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }

        var existing = await _connections.ListAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Any(c => c.KeyFingerprint == fingerprint))
        {
            return CoreResult<string?>.Success(null);
        }

        var label = ConnectionLabel.Normalize(imported.Label);
        for (var n = 2; existing.Any(c => ConnectionRepository.LabelKey(c.Label) == ConnectionRepository.LabelKey(label)); n++)
        {
            label = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ConnectionLabel.Normalize(imported.Label)} ({n})");
        }

        var row = imported with
        {
            Id = ConnectionIds.New(),
            Label = label,
            KeyFingerprint = fingerprint,
            ApiKeyLastFour = credentials.LastFour,
            LastCheckedAt = null,
            LastCheckDiagnosis = null,
            LastSyncAt = null,
            LastSyncDiagnosis = null,
            LastManualRefreshAt = null,
        };
        var error = await CommitCredentialAsync(
            AuditAction.CredentialAdded,
            row,
            credentials,
            async (connection, transaction, stored) =>
            {
                if (await ConnectionRepository.LabelInUseAsync(connection, transaction, label, null, cancellationToken).ConfigureAwait(false))
                {
                    return Errors.DuplicateLabel(label);
                }

                if (!await SqliteVaultStore.AddCredentialAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false))
                {
                    return Conflict();
                }

                await ConnectionRepository.InsertAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                await SubAccountRepository.RestoreAsync(connection, transaction, row.Id, subAccounts, cancellationToken).ConfigureAwait(false);
                return null;
            },
            cancellationToken).ConfigureAwait(false);
        return error is null ? CoreResult<string?>.Success(label) : error;
    }

    internal Task<IReadOnlyList<Connection>> ListRecordsAsync(CancellationToken cancellationToken) => _connections.ListAsync(cancellationToken);

    /// <summary>The sub-accounts known for a connection and the person's choices, for an export file.</summary>
    internal Task<SubAccountList> SubAccountsOfAsync(string connectionId, CancellationToken cancellationToken) =>
        new SubAccountRepository(_database).GetAsync(connectionId, cancellationToken);

    /// <summary>
    /// Decrypts a connection's stored key for the calls about to be made; the caller disposes it. Refused when the
    /// connection's endpoint is not the one sealed with the key (its clear columns were edited behind Keyfolio's back),
    /// so a key is never sent anywhere but where it was saved for.
    /// </summary>
    internal async Task<CoreResult<KeyCredentials>> OpenCredentialsAsync(Connection connection, CancellationToken cancellationToken)
    {
        var opened = await OpenSealedAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var (credentials, endpoint) = opened.Value;
        if (!KeyCredentials.SameEndpoint(endpoint, connection.Endpoint))
        {
            credentials.Dispose();
            return EndpointMismatch();
        }

        return credentials;
    }

    internal ConnectionView View(Connection connection, IEnumerable<Connection> sameKey, Snapshot? latest, string? egress, DateTimeOffset now, bool vaultLocked)
    {
        var findings = KeyHealthRules.Evaluate(new KeyHealthInput
        {
            Exchange = connection.Exchange,
            Environment = connection.Environment,
            Facts = connection.Facts,
            Now = now,
            EgressIp = egress,
            ConnectedAt = connection.KeyReplacedAt ?? connection.CreatedAt,
            LastSuccessAt = connection.LastSuccessAt,
            SharedWith = [.. sameKey.Where(c => c.Id != connection.Id).Select(c => c.Label)],
            Wallets = latest?.Wallets ?? [],
        });
        var status = StatusRules.Evaluate(new StatusInput(connection, now) { VaultLocked = vaultLocked, Latest = latest, Findings = findings });
        var interval = connection.SyncInterval ?? _options.DefaultSyncInterval;
        var age = latest is null ? (TimeSpan?)null : now - latest.TakenAt;
        var stale = latest is not null && (connection.LatestDiagnosis is not null || vaultLocked || age > interval * 2);
        return new ConnectionView(connection, status, findings, latest) { IsStale = stale, Age = age };
    }

    /// <summary>
    /// Before a new key is sent to a connection's endpoint: that endpoint must be the one sealed with the stored key. An
    /// old key that cannot be read at all (often the reason to replace it) vouches for nothing, so then only the
    /// exchange's own hosts are trusted, never a custom API URL.
    /// </summary>
    private async Task<CoreError?> ConfirmEndpointAsync(Connection connection, CancellationToken cancellationToken)
    {
        var opened = await OpenSealedAsync(connection, cancellationToken).ConfigureAwait(false);
        if (opened.IsSuccess)
        {
            using var old = opened.Value.Credentials;
            return KeyCredentials.SameEndpoint(opened.Value.Endpoint, connection.Endpoint) ? null : EndpointMismatch();
        }

        return opened.Error.Kind == CoreErrorKind.Corrupted && connection.CustomBaseUrl is null ? null : opened.Error;
    }

    /// <summary>The stored key of a connection with the endpoint sealed with it, or why it cannot be read.</summary>
    private async Task<CoreResult<(KeyCredentials Credentials, ExchangeEndpoint Endpoint)>> OpenSealedAsync(Connection connection, CancellationToken cancellationToken)
    {
        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        try
        {
            using var decrypted = await unlocked.Value.OpenCredentialAsync(connection.Id, cancellationToken).ConfigureAwait(false);
            return KeyCredentials.FromPayload(decrypted.Payload);
        }
        catch (VaultException exception)
        {
            return Errors.FromVault(exception);
        }
        catch (FormatException exception)
        {
            return new CoreError(CoreErrorKind.Corrupted, new(exception.Message, "存储的凭证格式无法读取。"), new("Replace the connection's key.", "请替换此连接的密钥。"));
        }
    }

    /// <summary>One verifying call with <paramref name="credentials"/> for <paramref name="connection"/>: the verification,
    /// or the exchange's refusal (sharpened with what is known), or an error that stops everything (audit, the vault
    /// locking meanwhile). <paramref name="decrypted"/> credentials came from the vault and are zeroed if it locks.</summary>
    private async Task<CoreResult<(KeyVerification? Verification, Diagnosis? Refusal)>> VerifyAsync(
        Connection connection,
        KeyCredentials credentials,
        bool decrypted,
        KeyFacts? knownFacts,
        CancellationToken cancellationToken)
    {
        using var use = KeyUse.Begin(_vault.SessionToken, connection, credentials, decrypted, cancellationToken);
        var called = await use.RunAsync((account, token) => _connectors[connection.Exchange].VerifyAsync(account, token)).ConfigureAwait(false);
        if (!called.IsSuccess)
        {
            return called.Error;
        }

        var result = called.Value;
        if (result.IsSuccess)
        {
            await _egress.LearnAsync(result.Value.FactsFailure, cancellationToken).ConfigureAwait(false);
            return (result.Value, null);
        }

        await _egress.LearnAsync(result.Diagnosis, cancellationToken).ConfigureAwait(false);
        var egress = (await _egress.GetAsync(cancellationToken).ConfigureAwait(false))?.Address;
        return (null, DiagnosisRefinement.Refine(result.Diagnosis, knownFacts, egress));
    }

    /// <summary>The withdrawal policy: a key that can withdraw is refused unless the person confirmed it by typing the label.</summary>
    private static CoreError? Policy(ExchangeId exchange, string label, KeyFacts? facts, bool allowWithdrawal, string? confirmation)
    {
        if (facts?.CanWithdraw != true)
        {
            return null;
        }

        var permission = WithdrawalGuidance.PermissionName(exchange);
        var howTo = WithdrawalGuidance.For(exchange);
        if (!allowWithdrawal)
        {
            return new CoreError(
                CoreErrorKind.WithdrawalRefused,
                new($"This key can withdraw funds (\"{permission}\" is on). Keyfolio only reads and refuses keys that can move your money.", $"此密钥可以提币（已开启“{permission}”）。Keyfolio 只读取数据，拒绝可以转移资产的密钥。"),
                howTo)
            { Field = "apiKey" };
        }

        if (!string.Equals(ConnectionLabel.Normalize(confirmation), label, StringComparison.Ordinal))
        {
            return new CoreError(
                CoreErrorKind.WithdrawalRefused,
                new($"To keep a key that can withdraw, type the connection's label \"{label}\" exactly to confirm; it did not match.", $"如要保留可提币的密钥，请准确输入连接标签“{label}”以确认；输入不一致。"),
                howTo)
            { Field = "confirmation" };
        }

        return null;
    }

    /// <summary>
    /// Encrypts the credentials for the connection, writes the audit entry, then runs <paramref name="write"/> in one
    /// transaction that commits only when it reports no error and no rotation replaced the data key meanwhile.
    /// </summary>
    private async Task<CoreError?> CommitCredentialAsync(
        AuditAction action,
        Connection row,
        KeyCredentials credentials,
        Func<DbConnection, DbTransaction, StoredCredential, Task<CoreError?>> write,
        CancellationToken cancellationToken)
    {
        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        var revision = (await new SqliteVaultStore(_database).ReadHeaderAsync(cancellationToken).ConfigureAwait(false))?.Revision;
        var payload = credentials.ToPayload(row.Endpoint);
        StoredCredential stored;
        try
        {
            stored = unlocked.Value.Encrypt(new CredentialAddress(row.Id, row.Exchange.ToName()), payload);
        }
        catch (VaultException exception)
        {
            return Errors.FromVault(exception);
        }
        finally
        {
            KeyCredentials.Zero(payload);
        }

        return await CommitAuditedAsync(
            new AuditEvent(AuditActor.Current, action) { ConnectionId = row.Id, KeyFingerprint = row.KeyFingerprint },
            async (connection, transaction) =>
                await SqliteVaultStore.ReadRevisionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != revision
                    ? Conflict()
                    : await write(connection, transaction, stored).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the change and its audit entry in one transaction: both or neither, also when the process is
    /// killed in between, so the log never claims what did not happen.</summary>
    private async Task<CoreError?> CommitAuditedAsync(AuditEvent auditEvent, Func<DbConnection, DbTransaction, Task<CoreError?>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await _audit.AppendWithAsync(auditEvent, write, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }
    }

    private static CoreError Conflict() => new(
        CoreErrorKind.Conflict,
        new("The stored data changed while the key was being saved (another Keyfolio process?); nothing was saved.", "保存密钥时数据被修改（是否有另一个 Keyfolio 进程？）；未保存任何内容。"),
        new("Try again.", "请重试。"));

    /// <summary>Why a <see cref="ConnectionLabel.Normalize">normalised</see> label cannot be used; null when it can.</summary>
    internal static CoreError? CheckLabel(string label) => ConnectionLabel.Problem(label);

    private static CoreError? CheckEndpoint(ExchangeDescriptor descriptor, string? region, ExchangeEnvironment environment, Uri? customBaseUrl)
    {
        if (customBaseUrl is not null && BaseUrlPolicy.Problem(customBaseUrl, "The API URL") is { } unsafeUrl)
        {
            return Errors.BadInput(
                "apiUrl",
                unsafeUrl,
                new(
                    "Give the proxy's https URL, for example https://proxy.example:8443, or the simulator's loopback address, for example http://127.0.0.1:41003.",
                    "请填写代理的 https 地址，例如 https://proxy.example:8443，或模拟器的本机回环地址，例如 http://127.0.0.1:41003。"));
        }

        if (region is not null && !descriptor.Regions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return Errors.BadInput(
                "region",
                new($"{descriptor.DisplayName} has no region \"{region}\".", $"{descriptor.DisplayName} 没有“{region}”地区。"),
                new($"Choose one of: {string.Join(", ", descriptor.Regions)}.", $"请从以下选择：{string.Join("、", descriptor.Regions)}。"));
        }

        if (customBaseUrl is null && descriptor.FindHost(region, environment) is null)
        {
            return Errors.BadInput(
                "environment",
                new($"{descriptor.DisplayName} has no {environment.ToString().ToLowerInvariant()} environment for region \"{region ?? descriptor.DefaultRegion}\".", $"{descriptor.DisplayName} 在“{region ?? descriptor.DefaultRegion}”地区没有 {environment.ToString().ToLowerInvariant()} 环境。"),
                new($"Choose one of: {string.Join(", ", descriptor.Environments.Select(e => e.ToString().ToLowerInvariant()))}, or give --api-url.", $"请从以下选择：{string.Join("、", descriptor.Environments.Select(e => e.ToString().ToLowerInvariant()))}，或提供 --api-url。"));
        }

        return null;
    }

    private static CoreError? CheckFormat(ExchangeDescriptor descriptor, KeyCredentials credentials)
    {
        var check = credentials.Check(descriptor);
        return check.IsValid
            ? null
            : Errors.BadInput(
                check.Problems[0].FieldName,
                check.Problems[0].Message,
                new("Copy the value again from the exchange's API-management page, without spaces or line breaks.", "请从交易所的 API 管理页面重新复制该值，不要带空格或换行。"));
    }

    private static CoreError EndpointMismatch() => new(
        CoreErrorKind.Corrupted,
        new(
            "The connection's endpoint in the database (exchange, region, environment or API URL) is not the one its key was saved for: the stored data was changed outside Keyfolio. The key was not used.",
            "数据库中此连接的端点（交易所、地区、环境或 API 地址）与保存密钥时的不一致：存储的数据在 Keyfolio 之外被修改过。未使用该密钥。"),
        new(
            "Restore the data directory from a backup, or remove the connection and connect it again, checking its API URL.",
            "请从备份恢复数据目录，或删除此连接后重新连接，并核对其 API 地址。"));
}
