using System.Globalization;
using System.Security.Cryptography;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Export;
using Keyfolio.Vault.Formats;
using Keyfolio.Vault.Headers;
using Keyfolio.Vault.Kdf;
using Keyfolio.Vault.Locking;
using Keyfolio.Vault.Passwords;
using Keyfolio.Vault.Recovery;
using Keyfolio.Vault.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keyfolio.Vault;

/// <summary>
/// The vault: creates it, unlocks and locks it (by hand, after idle and absolute timeouts, on dispose), encrypts
/// and decrypts credentials, changes the master password, rotates the data key, recovers with the recovery key,
/// and exports and imports. Every state-changing operation is audited before it is committed and refused when
/// the audit entry cannot be written. Errors are <see cref="VaultException"/>s with a <see cref="VaultErrorKind"/>;
/// an auto-lock that fails, with no caller to see it, is logged.
/// </summary>
public sealed class VaultService : IAsyncDisposable, IDisposable
{
    private const string SystemActor = "system";
    private const string MasterPasswordField = "the master password";
    private const string NewMasterPasswordField = "the new master password";
    private const string ResealPurpose = "audit reseal";

    private readonly IVaultStore _store;
    private readonly AuditLog _audit;
    private readonly KdfParameters _kdf;
    private readonly TimeProvider _time;
    private readonly KeyDerivationGate _kdfGate;
    private readonly bool _ownsKdfGate;
    private readonly UnlockThrottle _throttle;
    private readonly AutoLockTimer _autoLock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _attempts = new(1, 1);
    private readonly SemaphoreSlim _mutations = new(1, 1);
    private readonly ReaderWriterLockSlim _sessionLock = new(LockRecursionPolicy.NoRecursion);
    private CredentialCipher? _cipher;
    private CancellationTokenSource? _session;
    private int _disposed;

    public VaultService(
        IVaultStore store,
        AuditLog audit,
        VaultOptions? options = null,
        TimeProvider? timeProvider = null,
        KeyDerivationGate? keyDerivationGate = null,
        ILogger<VaultService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(audit);
        options ??= new VaultOptions();
        options.Validate();
        _kdf = options.Kdf;
        _store = store;
        _audit = audit;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _ownsKdfGate = keyDerivationGate is null;
        _kdfGate = keyDerivationGate ?? new KeyDerivationGate();
        _throttle = new UnlockThrottle(_time, options.UnlockBackoff, options.MaxUnlockBackoff);
        _autoLock = new AutoLockTimer(_time, options.IdleTimeout, options.AbsoluteTimeout, OnAutoLock);
    }

    /// <summary>Raised after every lock and unlock, from the thread that caused it (a timer thread for auto-lock).</summary>
    public event EventHandler<VaultStateChangedEventArgs>? StateChanged;

    public VaultState State => Volatile.Read(ref _cipher) is null ? VaultState.Locked : VaultState.Unlocked;

    /// <summary>
    /// A token cancelled the moment the vault locks (the unlocked session ends); already cancelled while it is locked.
    /// Link it into the token of work done with decrypted credentials — exchange calls, their rate-limit waits and
    /// retries — so locking stops that work, and register on it to zero the copies the work holds.
    /// </summary>
    public CancellationToken SessionToken => Volatile.Read(ref _session)?.Token ?? new CancellationToken(canceled: true);

    /// <summary>Wrong passwords in a row since the last success.</summary>
    public int ConsecutiveFailedAttempts => _throttle.ConsecutiveFailures;

    /// <summary>How long the next password attempt will wait before it is tried.</summary>
    public TimeSpan NextAttemptDelay => _throttle.Remaining;

    /// <summary>The vault's public facts, or null when none was created. Throws when the header is unreadable.</summary>
    public async Task<VaultInfo?> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var record = await _store.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var header = VaultHeaderCodec.Decode(record.Header, _audit.HeaderSeal);
        return new VaultInfo(header.VaultId, header.CreatedAt, header.Kdf, header.KeyId, header.Recovery is not null);
    }

    /// <summary>
    /// Creates the vault and leaves it unlocked. With <paramref name="withRecoveryKey"/>, returns the recovery key:
    /// show it once, then dispose it; it is never stored.
    /// </summary>
    public Task<RecoveryKey?> CreateAsync(
        string masterPassword,
        bool withRecoveryKey,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        return CreateAsync(masterPassword.AsMemory(), withRecoveryKey, context, cancellationToken);
    }

    /// <summary>As <see cref="CreateAsync(string, bool, AuditContext, CancellationToken)"/>, the password held where the caller zeroes it: no string of it is made.</summary>
    public async Task<RecoveryKey?> CreateAsync(
        ReadOnlyMemory<char> masterPassword,
        bool withRecoveryKey,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var password = PasswordPolicy.EnsureAcceptable(masterPassword.Span, MasterPasswordField);
        return await MutateAsync(
            async () =>
            {
                if (await _store.ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw AlreadyExists();
                }

                const uint FirstKeyId = 1;
                var vaultId = Guid.NewGuid();
                var parameters = _kdf;
                var salt = RandomSalt(parameters);
                var dek = SecretBuffer.Random(WrappedKey.KeySize);
                RecoveryKey? recoveryKey = null;
                try
                {
                    var passwordWrap = await _kdfGate.RunAsync(() => WrapWithPassword(password.Memory, salt, parameters, dek, vaultId, FirstKeyId), cancellationToken).ConfigureAwait(false);
                    RecoveryWrap? recoveryWrap = null;
                    if (withRecoveryKey)
                    {
                        recoveryKey = RecoveryKey.Generate();
                        recoveryWrap = RecoveryEscrow.Wrap(RecoveryEscrow.PublicKeyOf(recoveryKey), dek.Span, AssociatedData.ForRecoveryWrap(vaultId, FirstKeyId));
                    }

                    var header = new VaultHeader(vaultId, _time.GetUtcNow(), parameters, salt, FirstKeyId, passwordWrap, recoveryWrap);
                    var encoded = VaultHeaderCodec.Encode(header, dek.Span, _audit.HeaderSeal);
                    await CommitAuditedAsync(
                        new AuditEvent(context.Actor, AuditAction.VaultCreated) { Outcome = withRecoveryKey ? "with recovery key" : null },
                        entry => _store.TryCreateHeaderAsync(encoded, entry, cancellationToken),
                        AlreadyExists,
                        cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    dek.Dispose();
                    recoveryKey?.Dispose();
                    throw;
                }

                Install(new CredentialCipher(vaultId, FirstKeyId, dek), VaultStateChangeReason.Created);
                return recoveryKey;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Unlocks with the master password. After a wrong one, the next attempt waits (a delay that doubles with
    /// each failure in a row); attempts run one at a time. Every attempt is audited.
    /// </summary>
    public Task UnlockAsync(string masterPassword, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        return UnlockAsync(masterPassword.AsMemory(), context, cancellationToken);
    }

    /// <summary>
    /// Unlocks with the master password held where the caller can zero it (a pinned buffer): the password is never
    /// copied into a string, only into pinned buffers zeroed before this returns.
    /// </summary>
    public async Task UnlockAsync(ReadOnlyMemory<char> masterPassword, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await MutateWithMasterPasswordAsync(
            masterPassword,
            "unlock",
            context,
            async (record, header, keys) =>
            {
                await AppendAuditAsync(new AuditEvent(context.Actor, AuditAction.VaultUnlocked), cancellationToken).ConfigureAwait(false);
                await UpgradeKdfAsync(record, header, keys.Dek, masterPassword, context, cancellationToken).ConfigureAwait(false);
                if (State == VaultState.Unlocked)
                {
                    Touch();
                    return;
                }

                Install(new CredentialCipher(header.VaultId, header.KeyId, keys.TakeDek()), VaultStateChangeReason.Unlocked);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues an audit log found broken (<see cref="AuditLog.ResealAsync"/>), authorised by the master password: the
    /// same attempt as an unlock — one at a time, after the delay earned by earlier wrong passwords, and a wrong one
    /// makes the next attempt wait longer. The vault's lock state does not change. A wrong password throws
    /// <see cref="VaultErrorKind.WrongPassword"/> even though a broken log takes no entry for it: the caller keeps that
    /// refusal and records it once the log is sealed again.
    /// </summary>
    public Task<AuditRecord> ResealAuditLogAsync(string masterPassword, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        return ResealAuditLogAsync(masterPassword.AsMemory(), context, cancellationToken);
    }

    /// <summary>As <see cref="ResealAuditLogAsync(string, AuditContext, CancellationToken)"/>, the password held where the caller zeroes it.</summary>
    public async Task<AuditRecord> ResealAuditLogAsync(ReadOnlyMemory<char> masterPassword, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await MutateWithMasterPasswordAsync(
            masterPassword,
            ResealPurpose,
            context,
            async (_, _, _) =>
            {
                AuditRecord resealed;
                try
                {
                    resealed = await _audit.ResealAsync(context.Actor, cancellationToken).ConfigureAwait(false);
                }
                catch (AuditLogException exception)
                {
                    throw new VaultException(VaultErrorKind.AuditFailed, "The audit log could not be resealed. " + exception.Message, exception);
                }

                return resealed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Locks: zeroes the data key and every decrypted credential still held. Never fails for want of an audit entry.</summary>
    public Task LockAsync(AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LockAsync(VaultStateChangeReason.LockedByUser, context.Actor);
    }

    /// <summary>Records activity, postponing the idle auto-lock.</summary>
    public void Touch() => _autoLock.Touch();

    /// <summary>
    /// Changes the auto-lock times now, for the unlock in progress too (counted from when it began and from the last
    /// activity). Each is positive, or <see cref="Timeout.InfiniteTimeSpan"/> to turn it off.
    /// </summary>
    public void ChangeAutoLock(TimeSpan idleTimeout, TimeSpan absoluteTimeout)
    {
        VaultOptions.RequireTimeout(idleTimeout, nameof(idleTimeout));
        VaultOptions.RequireTimeout(absoluteTimeout, nameof(absoluteTimeout));
        _autoLock.Change(idleTimeout, absoluteTimeout);
    }

    /// <summary>
    /// Changes the master password: re-wraps the data key only, replacing the header in one compare-and-swap, so a
    /// crash leaves either the old password or the new one working. Locks the vault afterwards.
    /// </summary>
    public Task ChangePasswordAsync(
        string currentPassword,
        string newPassword,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        return ChangePasswordAsync(currentPassword.AsMemory(), newPassword.AsMemory(), context, cancellationToken);
    }

    /// <summary>As <see cref="ChangePasswordAsync(string, string, AuditContext, CancellationToken)"/>, both passwords held where the caller zeroes them: no string of either is made.</summary>
    public async Task ChangePasswordAsync(
        ReadOnlyMemory<char> currentPassword,
        ReadOnlyMemory<char> newPassword,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var password = PasswordPolicy.EnsureAcceptable(newPassword.Span, NewMasterPasswordField);
        await MutateWithMasterPasswordAsync(
            currentPassword,
            "password change",
            context,
            (record, header, keys) => ReplacePasswordAsync(record, header, keys.Dek, password.Memory, new AuditEvent(context.Actor, AuditAction.PasswordChanged), cancellationToken),
            cancellationToken).ConfigureAwait(false);

        await LockAsync(VaultStateChangeReason.PasswordChanged, context.Actor).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets a new master password with the recovery key shown at creation. The recovery key stays valid.
    /// The vault is locked afterwards; unlock with the new password.
    /// </summary>
    public Task RecoverAsync(
        string recoveryKey,
        string newPassword,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recoveryKey);
        ArgumentNullException.ThrowIfNull(newPassword);
        return RecoverAsync(recoveryKey.AsMemory(), newPassword.AsMemory(), context, cancellationToken);
    }

    /// <summary>As <see cref="RecoverAsync(string, string, AuditContext, CancellationToken)"/>, the key and password held where the caller zeroes them.</summary>
    public async Task RecoverAsync(
        ReadOnlyMemory<char> recoveryKey,
        ReadOnlyMemory<char> newPassword,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var password = PasswordPolicy.EnsureAcceptable(newPassword.Span, NewMasterPasswordField);
        using var key = RecoveryKey.Parse(recoveryKey.Span);
        await MutateAsync(
            async () =>
            {
                var (record, header) = await ReadHeaderAsync("recovery", context, cancellationToken).ConfigureAwait(false);
                if (header.Recovery is null)
                {
                    VaultLog.RecoveryKeyRefused(_logger, "the vault was created without a recovery key");
                    throw new VaultException(VaultErrorKind.WrongRecoveryKey, "This vault was created without a recovery key, so none can open it.");
                }

                using var dek = new SecretBuffer(WrappedKey.KeySize);
                if (!RecoveryEscrow.TryUnwrap(key, header.Recovery, AssociatedData.ForRecoveryWrap(header.VaultId, header.KeyId), dek.Span))
                {
                    VaultLog.RecoveryKeyRefused(_logger, "the recovery key does not belong to this vault");
                    await AppendAuditAsync(new AuditEvent(context.Actor, AuditAction.UnlockFailed) { Outcome = "recovery key" }, cancellationToken).ConfigureAwait(false);
                    throw new VaultException(VaultErrorKind.WrongRecoveryKey, "That recovery key does not belong to this vault.");
                }

                await EnsureAuthenticAsync(record, dek, "recovery", context).ConfigureAwait(false);
                await ReplacePasswordAsync(record, header, dek, password.Memory, new AuditEvent(context.Actor, AuditAction.PasswordRecovered), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        await LockAsync(VaultStateChangeReason.PasswordChanged, context.Actor).ConfigureAwait(false);
    }

    /// <summary>
    /// Rotates the data key: a new random key, every credential re-encrypted under it and the header replaced,
    /// all in one atomic commit. Needs the master password to wrap the new key. Leaves the lock state as it was.
    /// </summary>
    public async Task RotateKeyAsync(string masterPassword, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        ArgumentNullException.ThrowIfNull(context);
        await MutateWithMasterPasswordAsync(
            masterPassword.AsMemory(),
            "key rotation",
            context,
            async (record, header, keys) =>
            {
                using var oldCipher = new CredentialCipher(header.VaultId, header.KeyId, SecretBuffer.CopyOf(keys.Dek.Span));
                var newKeyId = checked(header.KeyId + 1);
                var newCipher = new CredentialCipher(header.VaultId, newKeyId, SecretBuffer.Random(WrappedKey.KeySize));
                try
                {
                    var rotated = new List<RotatedCredential>();
                    await foreach (var stored in _store.ReadCredentialsAsync(cancellationToken).ConfigureAwait(false))
                    {
                        using var plaintext = oldCipher.Decrypt(stored);
                        rotated.Add(new RotatedCredential(stored.Address, stored.Envelope, newCipher.Encrypt(stored.Address, plaintext.Payload).Envelope));
                    }

                    var updated = header with
                    {
                        KeyId = newKeyId,
                        PasswordWrap = WrappedKey.Wrap(keys.Kek.Span, newCipher.Key.Span, AssociatedData.ForPasswordWrap(header.VaultId, newKeyId)),
                        Recovery = header.Recovery is { } recovery
                            ? RecoveryEscrow.Wrap(recovery.RecoveryPublicKey, newCipher.Key.Span, AssociatedData.ForRecoveryWrap(header.VaultId, newKeyId))
                            : null,
                    };
                    var rotation = new KeyRotation(record.Revision, VaultHeaderCodec.Encode(updated, newCipher.Key.Span, _audit.HeaderSeal), rotated);
                    await CommitAuditedAsync(
                        new AuditEvent(context.Actor, AuditAction.KeyRotated) { Outcome = string.Create(CultureInfo.InvariantCulture, $"{rotated.Count} credentials re-encrypted") },
                        entry => _store.TryCommitRotationAsync(rotation, entry, cancellationToken),
                        ConcurrentChange,
                        cancellationToken).ConfigureAwait(false);

                    if (!Replace(newCipher))
                    {
                        newCipher.Dispose();
                    }
                }
                catch
                {
                    newCipher.Dispose();
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encrypts a payload for <paramref name="address"/> (fresh nonce, bound to the address). Needs the vault unlocked.</summary>
    public StoredCredential Encrypt(CredentialAddress address, ReadOnlySpan<byte> payload)
    {
        _sessionLock.EnterReadLock();
        try
        {
            return RequireUnlocked().Encrypt(address, payload);
        }
        finally
        {
            _sessionLock.ExitReadLock();
        }
    }

    /// <summary>
    /// Decrypts a stored credential. Dispose the result as soon as the calls that need it are done; locking the
    /// vault zeroes it anyway. Altered or moved ciphertext gives <see cref="VaultErrorKind.CredentialTampered"/>.
    /// </summary>
    public DecryptedCredential Decrypt(StoredCredential stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _sessionLock.EnterReadLock();
        try
        {
            return RequireUnlocked().Decrypt(stored);
        }
        finally
        {
            _sessionLock.ExitReadLock();
        }
    }

    /// <summary>Reads and decrypts one stored credential.</summary>
    public async Task<DecryptedCredential> OpenCredentialAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        _ = RequireUnlocked();
        var stored = await _store.ReadCredentialAsync(credentialId, cancellationToken).ConfigureAwait(false) ?? throw CredentialNotFound();
        return Decrypt(stored);
    }

    /// <summary>Encrypts and stores a new credential (audited as added); refuses an id already in use.</summary>
    public Task AddCredentialAsync(
        CredentialAddress address,
        ReadOnlyMemory<byte> payload,
        AuditContext context,
        CancellationToken cancellationToken = default) =>
        WriteCredentialAsync(address, payload, context, replace: false, cancellationToken);

    /// <summary>Re-encrypts and overwrites an existing credential (audited as replaced).</summary>
    public Task ReplaceCredentialAsync(
        CredentialAddress address,
        ReadOnlyMemory<byte> payload,
        AuditContext context,
        CancellationToken cancellationToken = default) =>
        WriteCredentialAsync(address, payload, context, replace: true, cancellationToken);

    /// <summary>Deletes a stored credential (audited as removed).</summary>
    public async Task RemoveCredentialAsync(string credentialId, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        ArgumentNullException.ThrowIfNull(context);
        await MutateAsync(
            async () =>
            {
                _ = RequireUnlocked();
                if (await _store.ReadCredentialAsync(credentialId, cancellationToken).ConfigureAwait(false) is null)
                {
                    throw CredentialNotFound();
                }

                await CommitAuditedAsync(
                    CredentialEvent(context, AuditAction.CredentialRemoved),
                    entry => _store.TryRemoveCredentialAsync(credentialId, entry, cancellationToken),
                    CredentialNotFound,
                    cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exports every credential, with the metadata the application attaches by credential id, into a file
    /// encrypted under <paramref name="exportPassword"/> (same KDF and floor). Asks for the master password again.
    /// </summary>
    public Task<byte[]> ExportAsync(
        string masterPassword,
        string exportPassword,
        IReadOnlyDictionary<string, byte[]> metadataByCredentialId,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        ArgumentNullException.ThrowIfNull(exportPassword);
        return ExportAsync(masterPassword.AsMemory(), exportPassword.AsMemory(), metadataByCredentialId, context, cancellationToken);
    }

    /// <summary>As <see cref="ExportAsync(string, string, IReadOnlyDictionary{string, byte[]}, AuditContext, CancellationToken)"/>, both passwords held where the caller zeroes them.</summary>
    public async Task<byte[]> ExportAsync(
        ReadOnlyMemory<char> masterPassword,
        ReadOnlyMemory<char> exportPassword,
        IReadOnlyDictionary<string, byte[]> metadataByCredentialId,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadataByCredentialId);
        ArgumentNullException.ThrowIfNull(context);
        using var password = PasswordPolicy.EnsureAcceptable(exportPassword.Span, "the export password");
        return await MutateWithMasterPasswordAsync(
            masterPassword,
            "export",
            context,
            async (_, header, keys) =>
            {
                using var cipher = new CredentialCipher(header.VaultId, header.KeyId, SecretBuffer.CopyOf(keys.Dek.Span));
                var stored = new List<StoredCredential>();
                await foreach (var credential in _store.ReadCredentialsAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored.Add(credential);
                }

                var size = VaultExportFormat.PlaintextSize(stored.Select(item =>
                    (item.Address, Math.Max(0, item.Envelope.Length - CredentialEnvelope.HeaderSize), MetadataOf(item.Address).Length)));
                using var plaintext = new SecretBuffer(size);
                FillExport(plaintext.Span, header.VaultId, _time.GetUtcNow(), stored, cipher, MetadataOf);
                var parameters = _kdf;
                var file = await _kdfGate.RunAsync(() => VaultExportFormat.Seal(plaintext.Span, password.Span, parameters), cancellationToken).ConfigureAwait(false);
                await AppendAuditAsync(
                    new AuditEvent(context.Actor, AuditAction.Exported) { Outcome = string.Create(CultureInfo.InvariantCulture, $"{stored.Count} credentials") },
                    cancellationToken).ConfigureAwait(false);
                return file;
            },
            cancellationToken).ConfigureAwait(false);

        byte[] MetadataOf(CredentialAddress address) =>
            metadataByCredentialId.TryGetValue(address.CredentialId, out var metadata) ? metadata : [];
    }

    /// <summary>
    /// Verifies and decrypts an export file for import. The application then adds the items it wants with
    /// <see cref="AddCredentialAsync"/> under ids that do not collide, so nothing already stored is lost.
    /// </summary>
    public Task<VaultImport> ImportAsync(
        ReadOnlyMemory<byte> file,
        string exportPassword,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exportPassword);
        return ImportAsync(file, exportPassword.AsMemory(), context, cancellationToken);
    }

    /// <summary>As <see cref="ImportAsync(ReadOnlyMemory{byte}, string, AuditContext, CancellationToken)"/>, the export password held where the caller zeroes it.</summary>
    public async Task<VaultImport> ImportAsync(
        ReadOnlyMemory<byte> file,
        ReadOnlyMemory<char> exportPassword,
        AuditContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = RequireUnlocked();
        var normalizable = NormalizedPassword.TryCreate(exportPassword.Span, out var password);
        using var normalized = password;
        if (!normalizable)
        {
            throw new VaultException(VaultErrorKind.WrongPassword, "The export password is wrong.");
        }

        var import = await _kdfGate.RunAsync(() => VaultExportFormat.Open(file.Span, password.Span), cancellationToken).ConfigureAwait(false);
        try
        {
            await AppendAuditAsync(
                new AuditEvent(context.Actor, AuditAction.Imported) { Outcome = string.Create(CultureInfo.InvariantCulture, $"{import.Items.Count} credentials read") },
                cancellationToken).ConfigureAwait(false);
            return import;
        }
        catch
        {
            import.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await LockAsync(VaultStateChangeReason.Shutdown, SystemActor).ConfigureAwait(false);
        DisposeResources();
    }

    /// <summary>Locks without writing an audit entry; prefer <see cref="DisposeAsync"/>, which records it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (LockCore())
        {
            RaiseStateChanged(VaultState.Locked, VaultStateChangeReason.Shutdown, auditRecorded: false);
        }

        DisposeResources();
    }

    public override string ToString() => $"VaultService({State})";

    /// <summary>The data key in use while unlocked; internal so tests can prove that locking zeroes it.</summary>
    internal SecretBuffer? DataKey => Volatile.Read(ref _cipher)?.Key;

    private static void FillExport(
        Span<byte> plaintext,
        Guid vaultId,
        DateTimeOffset exportedAt,
        List<StoredCredential> stored,
        CredentialCipher cipher,
        Func<CredentialAddress, byte[]> metadataOf)
    {
        var writer = new SpanWriter(plaintext);
        VaultExportFormat.WritePlaintextHeader(ref writer, vaultId, exportedAt, stored.Count);
        foreach (var credential in stored)
        {
            using var decrypted = cipher.Decrypt(credential);
            VaultExportFormat.WriteItem(ref writer, credential.Address, decrypted.Payload, metadataOf(credential.Address));
        }
    }

    private static byte[] RandomSalt(KdfParameters parameters) => RandomNumberGenerator.GetBytes(parameters.SaltSize);

    private static WrappedKey WrapWithPassword(ReadOnlyMemory<char> password, byte[] salt, KdfParameters parameters, SecretBuffer dek, Guid vaultId, uint keyId)
    {
        using var kek = new SecretBuffer(PasswordKeyDerivation.KeySize);
        PasswordKeyDerivation.DeriveKey(password.Span, salt, parameters, PasswordKeyDerivation.VaultKekInfo, kek.Span);
        return WrappedKey.Wrap(kek.Span, dek.Span, AssociatedData.ForPasswordWrap(vaultId, keyId));
    }

    private static AuditEvent CredentialEvent(AuditContext context, AuditAction action) =>
        new(context.Actor, action) { ConnectionId = context.ConnectionId, KeyFingerprint = context.KeyFingerprint };

    private static VaultException AlreadyExists() =>
        new(VaultErrorKind.AlreadyExists, "A vault already exists here; unlock it instead of creating another.");

    private static VaultException ConcurrentChange() =>
        new(VaultErrorKind.ConcurrentChange, "The vault was changed by another process while this operation ran; nothing was changed. Try again.");

    private static VaultException CredentialNotFound() =>
        new(VaultErrorKind.CredentialNotFound, "No credential with that id is stored.");

    private async Task WriteCredentialAsync(
        CredentialAddress address,
        ReadOnlyMemory<byte> payload,
        AuditContext context,
        bool replace,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await MutateAsync(
            async () =>
            {
                _ = RequireUnlocked();
                var exists = await _store.ReadCredentialAsync(address.CredentialId, cancellationToken).ConfigureAwait(false) is not null;
                if (exists != replace)
                {
                    throw replace
                        ? CredentialNotFound()
                        : new VaultException(VaultErrorKind.CredentialExists, "A credential with that id is already stored; replace it instead.");
                }

                var stored = Encrypt(address, payload.Span);
                await CommitAuditedAsync(
                    CredentialEvent(context, replace ? AuditAction.CredentialReplaced : AuditAction.CredentialAdded),
                    entry => replace ? _store.TryReplaceCredentialAsync(stored, entry, cancellationToken) : _store.TryAddCredentialAsync(stored, entry, cancellationToken),
                    ConcurrentChange,
                    cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one state-changing operation while holding the mutation gate, so no two of them interleave. Waiting for
    /// the gate honours <paramref name="cancellationToken"/>; the gate is released however <paramref name="body"/> ends.
    /// </summary>
    private async Task<T> MutateAsync<T>(Func<Task<T>> body, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await body().ConfigureAwait(false);
        }
        finally
        {
            _mutations.Release();
        }
    }

    private Task MutateAsync(Func<Task> body, CancellationToken cancellationToken) =>
        MutateAsync(
            async () =>
            {
                await body().ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// A state-changing operation authorised by the master password, under the mutation gate: reads and checks the
    /// header, unwraps the data key with <paramref name="masterPassword"/> (one attempt, throttled and audited as
    /// <paramref name="purpose"/>), runs <paramref name="body"/> with them and zeroes the keys after it.
    /// </summary>
    private Task<T> MutateWithMasterPasswordAsync<T>(
        ReadOnlyMemory<char> masterPassword,
        string purpose,
        AuditContext context,
        Func<VaultHeaderRecord, VaultHeader, UnwrappedKeys, Task<T>> body,
        CancellationToken cancellationToken) =>
        MutateAsync(
            async () =>
            {
                var (record, header) = await ReadHeaderAsync(purpose, context, cancellationToken).ConfigureAwait(false);
                using var keys = await UnwrapWithPasswordAsync(record, header, masterPassword, purpose, context, cancellationToken).ConfigureAwait(false);
                return await body(record, header, keys).ConfigureAwait(false);
            },
            cancellationToken);

    private Task MutateWithMasterPasswordAsync(
        ReadOnlyMemory<char> masterPassword,
        string purpose,
        AuditContext context,
        Func<VaultHeaderRecord, VaultHeader, UnwrappedKeys, Task> body,
        CancellationToken cancellationToken) =>
        MutateWithMasterPasswordAsync(
            masterPassword,
            purpose,
            context,
            async (record, header, keys) =>
            {
                await body(record, header, keys).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Reads and checks the header for an attempt to open the vault (<paramref name="purpose"/>), before any key is
    /// derived: an altered header is audited as that attempt's failure and thrown, and no password is tried.
    /// </summary>
    private async Task<(VaultHeaderRecord Record, VaultHeader Header)> ReadHeaderAsync(string purpose, AuditContext context, CancellationToken cancellationToken)
    {
        var record = await _store.ReadHeaderAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new VaultException(VaultErrorKind.NotCreated, "No vault has been created yet; create one first.");
        try
        {
            return (record, VaultHeaderCodec.Decode(record.Header, _audit.HeaderSeal));
        }
        catch (VaultException exception) when (exception.Kind == VaultErrorKind.HeaderAltered)
        {
            VaultLog.HeaderAltered(_logger, purpose);
            // A broken log takes no entry: the caller of a reseal records its refusal once the log is sealed again.
            if (purpose != ResealPurpose || _audit.BlockedBy is null)
            {
                await TryAppendAuditAsync(new AuditEvent(context.Actor, AuditAction.UnlockFailed) { Outcome = purpose + ": header altered" }).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Derives the key-encryption key from <paramref name="password"/> and unwraps the data key, one attempt at a
    /// time and after the delay earned by earlier failures, then checks that the header is the one that data key
    /// sealed. A wrong password is counted, audited and thrown; an altered header is audited and thrown.
    /// </summary>
    private async Task<UnwrappedKeys> UnwrapWithPasswordAsync(
        VaultHeaderRecord record,
        VaultHeader header,
        ReadOnlyMemory<char> password,
        string purpose,
        AuditContext context,
        CancellationToken cancellationToken)
    {
        await _attempts.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            var keys = new UnwrappedKeys();
            bool unwrapped;
            try
            {
                var normalizable = NormalizedPassword.TryCreate(password.Span, out var normalized);
                using (normalized)
                {
                    unwrapped = normalizable && await _kdfGate.RunAsync(
                        () =>
                        {
                            PasswordKeyDerivation.DeriveKey(normalized.Span, header.Salt, header.Kdf, PasswordKeyDerivation.VaultKekInfo, keys.Kek.Span);
                            return header.PasswordWrap.TryUnwrap(keys.Kek.Span, AssociatedData.ForPasswordWrap(header.VaultId, header.KeyId), keys.Dek.Span);
                        },
                        cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                keys.Dispose();
                throw;
            }

            if (unwrapped)
            {
                _throttle.Reset();
                try
                {
                    await EnsureAuthenticAsync(record, keys.Dek, purpose, context).ConfigureAwait(false);
                }
                catch
                {
                    keys.Dispose();
                    throw;
                }

                return keys;
            }

            keys.Dispose();
            var delay = _throttle.RecordFailure();
            VaultLog.PasswordRefused(_logger, purpose, Math.Ceiling(delay.TotalSeconds));
            // A broken log takes no entry: the caller of a reseal records its refusal once the log is sealed again.
            if (purpose != ResealPurpose || _audit.BlockedBy is null)
            {
                await AppendAuditAsync(new AuditEvent(context.Actor, AuditAction.UnlockFailed) { Outcome = purpose }, cancellationToken).ConfigureAwait(false);
            }

            throw new VaultException(
                VaultErrorKind.WrongPassword,
                string.Create(CultureInfo.InvariantCulture, $"The master password is wrong. The next attempt can be made in {Math.Ceiling(delay.TotalSeconds):0} s."));
        }
        finally
        {
            _attempts.Release();
        }
    }

    private async Task<VaultHeader> RewrapForPasswordAsync(VaultHeader header, SecretBuffer dek, ReadOnlyMemory<char> newPassword, CancellationToken cancellationToken)
    {
        var parameters = _kdf;
        var salt = RandomSalt(parameters);
        var wrap = await _kdfGate.RunAsync(() => WrapWithPassword(newPassword, salt, parameters, dek, header.VaultId, header.KeyId), cancellationToken).ConfigureAwait(false);
        return header with { Kdf = parameters, Salt = salt, PasswordWrap = wrap };
    }

    /// <summary>
    /// After a successful unlock, re-protects a vault whose password key derivation is weaker than today's (PBKDF2
    /// written by an earlier version, or Argon2id with less memory or fewer passes): the same data key, wrapped anew
    /// under the same password, in one compare-and-swap of the header, so a crash leaves the old header or the new one.
    /// A header in an earlier format (not sealed under the audit key) is rewritten in the current one the same way, even
    /// when its key derivation is strong enough. Another process changing the header first only postpones it to the next unlock.
    /// </summary>
    private async Task UpgradeKdfAsync(VaultHeaderRecord record, VaultHeader header, SecretBuffer dek, ReadOnlyMemory<char> password, AuditContext context, CancellationToken cancellationToken)
    {
        VaultHeader updated;
        AuditEvent auditEvent;
        var normalizable = NormalizedPassword.TryCreate(password.Span, out var normalized);
        using var _ = normalized;
        if (header.Kdf.IsWeakerThan(_kdf) && normalizable)
        {
            updated = await RewrapForPasswordAsync(header, dek, normalized.Memory, cancellationToken).ConfigureAwait(false);
            auditEvent = new AuditEvent(context.Actor, AuditAction.KdfUpgraded) { Outcome = "from " + header.Kdf + " to " + updated.Kdf };
        }
        else if (header.FormatVersion != VaultHeaderCodec.CurrentVersion)
        {
            // Only the format is old: the same header, sealed under the data directory's audit key from now on.
            updated = header;
            auditEvent = new AuditEvent(context.Actor, AuditAction.HeaderSealed)
            {
                Outcome = string.Create(CultureInfo.InvariantCulture, $"format {header.FormatVersion} to {VaultHeaderCodec.CurrentVersion}"),
            };
        }
        else
        {
            return;
        }

        try
        {
            await ReplaceHeaderAuditedAsync(record, updated, dek, auditEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException exception) when (exception.Kind == VaultErrorKind.ConcurrentChange)
        {
            // The header changed under us; the next unlock upgrades what is there then.
        }
    }

    /// <summary>
    /// Refuses a header whose MAC the data key does not give: someone without the key changed it (planted a recovery
    /// public key, say), so nothing in it may be used. Recorded in the audit log as far as it can be.
    /// </summary>
    private async Task EnsureAuthenticAsync(VaultHeaderRecord record, SecretBuffer dek, string purpose, AuditContext context)
    {
        if (VaultHeaderCodec.IsAuthentic(record.Header, dek.Span))
        {
            return;
        }

        VaultLog.HeaderAltered(_logger, purpose);
        await TryAppendAuditAsync(new AuditEvent(context.Actor, AuditAction.UnlockFailed) { Outcome = purpose + ": header altered" }).ConfigureAwait(false);
        throw VaultHeaderCodec.Altered();
    }

    /// <summary>Re-wraps the data key under a new master password and replaces the header with the result (audited as <paramref name="auditEvent"/>).</summary>
    private async Task ReplacePasswordAsync(VaultHeaderRecord current, VaultHeader header, SecretBuffer dek, ReadOnlyMemory<char> newPassword, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var updated = await RewrapForPasswordAsync(header, dek, newPassword, cancellationToken).ConfigureAwait(false);
        await ReplaceHeaderAuditedAsync(current, updated, dek, auditEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seals <paramref name="updated"/> under <paramref name="dek"/> and swaps it for <paramref name="current"/> in one audited compare-and-swap.</summary>
    private Task ReplaceHeaderAuditedAsync(VaultHeaderRecord current, VaultHeader updated, SecretBuffer dek, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var encoded = VaultHeaderCodec.Encode(updated, dek.Span, _audit.HeaderSeal);
        return CommitAuditedAsync(
            auditEvent,
            entry => _store.TryReplaceHeaderAsync(current.Revision, encoded, entry, cancellationToken),
            ConcurrentChange,
            cancellationToken);
    }

    /// <summary>
    /// Writes the change and its audit entry in one store transaction (<see cref="AuditLog.AppendWithAsync"/>): both or
    /// neither, also when the process is killed, so the log never claims what did not happen. A change the store
    /// refuses throws <paramref name="refused"/>; a log that cannot take the entry refuses the change.
    /// </summary>
    private async Task CommitAuditedAsync(AuditEvent auditEvent, Func<AuditRecord, Task<bool>> write, Func<VaultException> refused, CancellationToken cancellationToken)
    {
        bool written;
        try
        {
            written = await _audit.AppendWithAsync(auditEvent, write, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            VaultLog.ChangeRefused(_logger, AuditActionCodes.ToCode(auditEvent.Action), "the audit log could not record it");
            throw new VaultException(VaultErrorKind.AuditFailed, "The audit log could not record this action, so it was refused. " + exception.Message, exception);
        }

        if (!written)
        {
            var refusal = refused();
            VaultLog.ChangeRefused(_logger, AuditActionCodes.ToCode(auditEvent.Action), refusal.Kind.ToString());
            throw refusal;
        }

        VaultLog.ChangeCommitted(_logger, AuditActionCodes.ToCode(auditEvent.Action), auditEvent.Outcome ?? "done");
    }

    private async Task AppendAuditAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            throw new VaultException(VaultErrorKind.AuditFailed, "The audit log could not record this action, so it was refused. " + exception.Message, exception);
        }
    }

    private async Task<bool> TryAppendAuditAsync(AuditEvent auditEvent)
    {
        try
        {
            await _audit.AppendAsync(auditEvent, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (AuditLogException)
        {
            return false;
        }
    }

    /// <summary>The cipher of the unlocked session, or the locked error when there is none.</summary>
    private CredentialCipher RequireUnlocked() =>
        Volatile.Read(ref _cipher) ?? throw new VaultException(VaultErrorKind.Locked, "The vault is locked; unlock it with the master password first.");

    private void Install(CredentialCipher cipher, VaultStateChangeReason reason)
    {
        CancellationTokenSource? previous;
        _sessionLock.EnterWriteLock();
        try
        {
            _cipher?.Dispose();
            _cipher = cipher;
            previous = _session;
            _session = new CancellationTokenSource();
        }
        finally
        {
            _sessionLock.ExitWriteLock();
        }

        previous?.Cancel();

        _autoLock.Start();
        RaiseStateChanged(VaultState.Unlocked, reason, auditRecorded: true);
    }

    /// <summary>Swaps in the cipher of a rotated key if the vault is unlocked; false when it is locked.</summary>
    private bool Replace(CredentialCipher cipher)
    {
        _sessionLock.EnterWriteLock();
        try
        {
            if (_cipher is null)
            {
                return false;
            }

            _cipher.Dispose();
            _cipher = cipher;
            return true;
        }
        finally
        {
            _sessionLock.ExitWriteLock();
        }
    }

    private bool LockCore()
    {
        _autoLock.Stop();
        CancellationTokenSource? session;
        bool wasUnlocked;
        _sessionLock.EnterWriteLock();
        try
        {
            var cipher = _cipher;
            _cipher = null;
            cipher?.Dispose();
            wasUnlocked = cipher is not null;
            session = _session;
            _session = null;
        }
        finally
        {
            _sessionLock.ExitWriteLock();
        }

        // Outside the lock: the callbacks registered on the token (stopping calls, zeroing copies) run here and now.
        session?.Cancel();
        return wasUnlocked;
    }

    private async Task LockAsync(VaultStateChangeReason reason, string actor)
    {
        if (!LockCore())
        {
            return;
        }

        var recorded = await TryAppendAuditAsync(new AuditEvent(actor, AuditAction.VaultLocked) { Outcome = ReasonCode(reason) }).ConfigureAwait(false);
        RaiseStateChanged(VaultState.Locked, reason, recorded);
    }

    /// <summary>The auto-lock timer's callback: the lock runs on its own path, which observes it.</summary>
    private void OnAutoLock(VaultStateChangeReason reason) => _ = AutoLockAsync(reason);

    /// <summary>Locks for a timeout. No caller waits on it, so a failure is logged here (the state it left included) instead of lost.</summary>
    private async Task AutoLockAsync(VaultStateChangeReason reason)
    {
        try
        {
            await LockAsync(reason, SystemActor).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            VaultLog.AutoLockFailed(_logger, reason, exception.GetType().FullName ?? "?", State);
        }
    }

    private void RaiseStateChanged(VaultState state, VaultStateChangeReason reason, bool auditRecorded)
    {
        VaultLog.StateChanged(_logger, state, reason, auditRecorded);
        StateChanged?.Invoke(this, new VaultStateChangedEventArgs(state, reason, auditRecorded));
    }

    private static string ReasonCode(VaultStateChangeReason reason) => reason switch
    {
        VaultStateChangeReason.LockedByUser => "by user",
        VaultStateChangeReason.IdleTimeout => "idle timeout",
        VaultStateChangeReason.AbsoluteTimeout => "absolute timeout",
        VaultStateChangeReason.PasswordChanged => "password changed",
        VaultStateChangeReason.Shutdown => "shutdown",
        _ => reason.ToString(),
    };

    private void DisposeResources()
    {
        _autoLock.Dispose();
        _attempts.Dispose();
        _mutations.Dispose();
        _sessionLock.Dispose();
        if (_ownsKdfGate)
        {
            _kdfGate.Dispose();
        }
    }

    /// <summary>The key-encryption key and data key of one successful password attempt, zeroed on dispose.</summary>
    private sealed class UnwrappedKeys : IDisposable
    {
        private SecretBuffer? _dek = new(WrappedKey.KeySize);

        public SecretBuffer Kek { get; } = new(PasswordKeyDerivation.KeySize);

        public SecretBuffer Dek => _dek ?? throw new ObjectDisposedException(nameof(UnwrappedKeys));

        /// <summary>Hands the data key over to a cipher, which then owns it.</summary>
        public SecretBuffer TakeDek()
        {
            var dek = Dek;
            _dek = null;
            return dek;
        }

        public void Dispose()
        {
            Kek.Dispose();
            _dek?.Dispose();
        }
    }
}
