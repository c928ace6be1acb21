using Keyfolio.Core.Audit;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Telemetry;
using Keyfolio.Vault;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Passwords;
using Keyfolio.Vault.Recovery;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Access;

/// <summary>
/// The vault as the application uses it: created, unlocked and locked with the master password, its password
/// changed, every refusal turned into a <see cref="CoreError"/>. The vault service itself is made on first use,
/// once the audit log it writes to is open.
/// </summary>
public sealed class VaultAccess(KeyfolioDatabase database, AuditTrail trail, VaultOptions options, TimeProvider time, ILogger<VaultService>? logger = null) : IAsyncDisposable
{
    private readonly SemaphoreSlim _creating = new(1, 1);
    private VaultService? _vault;

    /// <summary>Raised when the vault locks or unlocks.</summary>
    public event EventHandler<VaultStateChangedEventArgs>? StateChanged;

    public VaultState State => _vault?.State ?? VaultState.Locked;

    public bool IsUnlocked => State == VaultState.Unlocked;

    /// <summary>How long the next password attempt will wait (it grows after each wrong password in a row).</summary>
    public TimeSpan NextAttemptDelay => _vault?.NextAttemptDelay ?? TimeSpan.Zero;

    /// <summary>The vault's public facts (creation, whether it has a recovery key), or null when none exists.</summary>
    public async Task<CoreResult<VaultInfo?>> GetInfoAsync(CancellationToken cancellationToken)
    {
        try
        {
            var vault = await GetVaultAsync(cancellationToken).ConfigureAwait(false);
            return CoreResult<VaultInfo?>.Success(await vault.GetInfoAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (Translate(exception) is { } error)
        {
            return error;
        }
    }

    /// <summary>Whether a vault was created here; a header that is stored but damaged still counts (opening it reports the damage).</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await new DatabaseVaultStore(database).ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (StorageException)
        {
            return true;
        }
    }

    /// <summary>
    /// The rule a new master password breaks, said for people, or null when it keeps them all: the check a form makes
    /// before it counts an attempt, since choosing a password tests no password.
    /// </summary>
    public static CoreError? CheckNewPassword(string? newPassword) => CheckNewPassword((newPassword ?? string.Empty).AsSpan());

    /// <summary>As <see cref="CheckNewPassword(string?)"/>, for a password kept in a buffer the caller zeroes.</summary>
    public static CoreError? CheckNewPassword(ReadOnlySpan<char> newPassword) =>
        PasswordPolicy.Check(newPassword) is { } problem ? Errors.PasswordRejected(problem) : null;

    /// <summary>Creates the vault (and leaves it unlocked). With a recovery key, returns it: show it once, then dispose it.</summary>
    public Task<CoreResult<RecoveryKey?>> CreateAsync(string masterPassword, bool withRecoveryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        return CreateAsync(masterPassword.AsMemory(), withRecoveryKey, cancellationToken);
    }

    /// <summary>As <see cref="CreateAsync(string, bool, CancellationToken)"/>, the password kept in a buffer the caller zeroes; no string of it is made.</summary>
    public async Task<CoreResult<RecoveryKey?>> CreateAsync(ReadOnlyMemory<char> masterPassword, bool withRecoveryKey, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Check(masterPassword.Span) is { } problem)
        {
            return Errors.PasswordRejected(problem);
        }

        try
        {
            var vault = await GetVaultAsync(cancellationToken).ConfigureAwait(false);
            return CoreResult<RecoveryKey?>.Success(await vault.CreateAsync(masterPassword, withRecoveryKey, Context(), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (Translate(exception) is { } error)
        {
            return error;
        }
    }

    public Task<CoreResult<bool>> UnlockAsync(string masterPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        return UnlockAsync(masterPassword.AsMemory(), cancellationToken);
    }

    /// <summary>Unlocks with a master password the caller keeps in a buffer it zeroes; no string of it is made.</summary>
    public async Task<CoreResult<bool>> UnlockAsync(ReadOnlyMemory<char> masterPassword, CancellationToken cancellationToken)
    {
        try
        {
            if (!await ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return Errors.VaultMissing();
            }

            var vault = await GetVaultAsync(cancellationToken).ConfigureAwait(false);
            await vault.UnlockAsync(masterPassword, Context(), cancellationToken).ConfigureAwait(false);
            return CoreResult<bool>.Success(true);
        }
        catch (Exception exception) when (Translate(exception) is { } error)
        {
            if (exception is VaultException { Kind: VaultErrorKind.WrongPassword })
            {
                CoreTelemetry.UnlockFailed("wrong_password");
            }

            return error;
        }
    }

    /// <summary>
    /// Continues an audit log found broken (after a deliberate restore from backup), authorised by the master password
    /// and throttled like an unlock; the new entry records what was found. The lock state does not change.
    /// </summary>
    public Task<CoreResult<AuditRecord>> ResealAuditLogAsync(string masterPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(masterPassword);
        return ResealAuditLogAsync(masterPassword.AsMemory(), cancellationToken);
    }

    /// <summary>As <see cref="ResealAuditLogAsync(string, CancellationToken)"/>, the password kept in a buffer the caller zeroes.</summary>
    public async Task<CoreResult<AuditRecord>> ResealAuditLogAsync(ReadOnlyMemory<char> masterPassword, CancellationToken cancellationToken)
    {
        try
        {
            if (!await ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return new CoreError(
                    CoreErrorKind.VaultMissing,
                    Texts.Of("NoVaultExistsSoNo"),
                    Texts.Of("RestoreTheWholeDataDirectory"));
            }

            var vault = await GetVaultAsync(cancellationToken).ConfigureAwait(false);
            AuditRecord resealed;
            try
            {
                resealed = await vault.ResealAuditLogAsync(masterPassword, Context(), cancellationToken).ConfigureAwait(false);
            }
            catch (VaultException wrong) when (wrong.Kind == VaultErrorKind.WrongPassword && trail.BlockedBy is not null)
            {
                ResealRefusals.Record(database.DataDirectory, time.GetUtcNow(), AuditActor.Current, "audit reseal");
                throw;
            }

            // The refusals the broken log could not take, now that it takes entries again.
            foreach (var (at, actor, outcome) in ResealRefusals.Read(database.DataDirectory))
            {
                await trail.AppendAsync(new AuditEvent(actor, AuditAction.UnlockFailed) { Outcome = outcome + ", refused at " + at }, cancellationToken).ConfigureAwait(false);
            }

            ResealRefusals.Clear(database.DataDirectory);
            return CoreResult<AuditRecord>.Success(resealed);
        }
        catch (Exception exception) when (Translate(exception) is { } error)
        {
            return error;
        }
    }

    /// <summary>
    /// Records a password attempt refused before any password was tried (too many attempts) as <c>vault.unlock_failed</c>
    /// with <paramref name="outcome"/>; while the log is broken, keeps it for right after the reseal. Never throws for
    /// want of an entry: the attempt is refused either way.
    /// </summary>
    public async Task RecordRefusedAttemptAsync(string outcome, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        CoreTelemetry.UnlockFailed("too_many_attempts");
        try
        {
            await trail.AppendAsync(new AuditEvent(AuditActor.Current, AuditAction.UnlockFailed) { Outcome = outcome }, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException) when (trail.BlockedBy is not null)
        {
            ResealRefusals.Record(database.DataDirectory, time.GetUtcNow(), AuditActor.Current, outcome);
        }
        catch (AuditLogException)
        {
            // Unwritable log (its key missing, a failing disk): the attempt is refused all the same.
        }
    }

    public async Task LockAsync()
    {
        if (_vault is { } vault)
        {
            await vault.LockAsync(Context()).ConfigureAwait(false);
        }
    }

    /// <summary>Records activity, postponing the idle auto-lock.</summary>
    public void Touch() => _vault?.Touch();

    /// <summary>Changes the auto-lock times now: for the vault once it is opened, and for the unlock in progress.</summary>
    public async Task ChangeAutoLockAsync(TimeSpan idleTimeout, TimeSpan absoluteTimeout, CancellationToken cancellationToken)
    {
        // Under the same gate as the vault's creation, so a vault made meanwhile cannot start with the old times.
        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _vault?.ChangeAutoLock(idleTimeout, absoluteTimeout);
            options.IdleTimeout = idleTimeout;
            options.AbsoluteTimeout = absoluteTimeout;
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <summary>Cancelled when the vault locks; already cancelled while it is locked (see <see cref="VaultService.SessionToken"/>).</summary>
    internal CancellationToken SessionToken => _vault?.SessionToken ?? new CancellationToken(canceled: true);

    /// <summary>Changes the master password; the vault is locked afterwards.</summary>
    public Task<CoreResult<bool>> ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        return ChangePasswordAsync(currentPassword.AsMemory(), newPassword.AsMemory(), cancellationToken);
    }

    /// <summary>As <see cref="ChangePasswordAsync(string, string, CancellationToken)"/>, both passwords kept in buffers the caller zeroes; no string of either is made.</summary>
    public Task<CoreResult<bool>> ChangePasswordAsync(ReadOnlyMemory<char> currentPassword, ReadOnlyMemory<char> newPassword, CancellationToken cancellationToken) =>
        SetPasswordAsync(newPassword, (vault, context) => vault.ChangePasswordAsync(currentPassword, newPassword, context, cancellationToken), cancellationToken);

    /// <summary>Sets a new master password with the recovery key shown at creation; the vault is locked afterwards.</summary>
    public Task<CoreResult<bool>> RecoverAsync(string recoveryKey, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recoveryKey);
        ArgumentNullException.ThrowIfNull(newPassword);
        return RecoverAsync(recoveryKey.AsMemory(), newPassword.AsMemory(), cancellationToken);
    }

    /// <summary>As <see cref="RecoverAsync(string, string, CancellationToken)"/>, the key and password kept in buffers the caller zeroes.</summary>
    public Task<CoreResult<bool>> RecoverAsync(ReadOnlyMemory<char> recoveryKey, ReadOnlyMemory<char> newPassword, CancellationToken cancellationToken) =>
        SetPasswordAsync(newPassword, (vault, context) => vault.RecoverAsync(recoveryKey, newPassword, context, cancellationToken), cancellationToken);

    // The new password meets the policy before anything is derived; the vault's own errors come back as core errors.
    private async Task<CoreResult<bool>> SetPasswordAsync(ReadOnlyMemory<char> newPassword, Func<VaultService, AuditContext, Task> change, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Check(newPassword.Span) is { } problem)
        {
            return Errors.PasswordRejected(problem);
        }

        try
        {
            if (!await ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return Errors.VaultMissing();
            }

            var vault = await GetVaultAsync(cancellationToken).ConfigureAwait(false);
            await change(vault, Context()).ConfigureAwait(false);
            return CoreResult<bool>.Success(true);
        }
        catch (Exception exception) when (Translate(exception) is { } error)
        {
            return error;
        }
    }

    /// <summary>The vault service, made once the audit log is open. Throws <see cref="AuditLogException"/> when it cannot be.</summary>
    internal async Task<VaultService> GetVaultAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _vault) is { } made)
        {
            return made;
        }

        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_vault is null)
            {
                var log = await trail.GetLogAsync(cancellationToken).ConfigureAwait(false);
                var vault = new VaultService(new DatabaseVaultStore(database), log, options, time, logger: logger);
                vault.StateChanged += (sender, args) => StateChanged?.Invoke(this, args);
                _vault = vault;
            }

            return _vault;
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <summary>The vault when it is unlocked, or the error to report.</summary>
    internal async Task<CoreResult<VaultService>> RequireUnlockedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return Errors.VaultMissing();
            }

            var vault = await GetVaultAsync(cancellationToken).ConfigureAwait(false);
            return vault.State == VaultState.Unlocked ? CoreResult<VaultService>.Success(vault) : Errors.VaultLocked();
        }
        catch (Exception exception) when (Translate(exception) is { } error)
        {
            return error;
        }
    }

    internal static AuditContext Context() => new(AuditActor.Current);

    /// <summary>The error for an exception the vault or the audit log throws for a person to act on; null for bugs.</summary>
    internal static CoreError? Translate(Exception exception) => exception switch
    {
        VaultException vault => Errors.FromVault(vault),
        AuditLogException audit => Errors.AuditFailed(audit.Message),
        AuditRefusedException refused => Errors.AuditFailed(refused.Message),
        StorageException storage => new CoreError(CoreErrorKind.Corrupted, Texts.Of("StorageFailed", storage.Message), Texts.Of("RestoreTheDataDirectoryFrom")),
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        if (_vault is { } vault)
        {
            await vault.DisposeAsync().ConfigureAwait(false);
        }

        _creating.Dispose();
    }
}
