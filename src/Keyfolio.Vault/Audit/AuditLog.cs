using System.Globalization;
using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Vault.Audit;

/// <summary>
/// The tamper-evident audit log. Each entry's MAC is HMAC-SHA256(audit key, previous MAC ‖ canonical entry);
/// the audit key (<c>audit.key</c>, owner-only) and the chain head (<c>audit.head</c>: entry count and last
/// MAC) live in the data directory, outside the database. Append an entry before committing the action it
/// records: when <see cref="AppendAsync"/> throws, refuse the action.
/// </summary>
public sealed class AuditLog : IDisposable
{
    /// <summary>Longest accepted text field, in characters.</summary>
    public const int MaxFieldLength = 512;

    private readonly IAuditStore _store;
    private readonly TimeProvider _time;
    private readonly SecretBuffer _key;
    private readonly KeyFingerprinter _fingerprinter;
    private readonly AuditChainHead _head;
    private readonly AuditChainMac _mac;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _count;
    private byte[] _lastMac = AuditChainMac.Genesis.ToArray();
    private AuditVerification? _blockedBy;

    private AuditLog(IAuditStore store, TimeProvider time, SecretBuffer key, AuditChainHead head)
    {
        _store = store;
        _time = time;
        _key = key;
        _head = head;
        _fingerprinter = new KeyFingerprinter(key.Span);
        _mac = new AuditChainMac(key.Span);
    }

    /// <summary>Entries in the chain as this log knows it.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// Set when opening found the chain broken (truncated, head missing or damaged, entries altered): the log then
    /// refuses to append, so the evidence is not buried under new entries. <see cref="VerifyAsync"/> says more.
    /// </summary>
    public AuditVerification? BlockedBy => _blockedBy;

    /// <summary>
    /// Opens the log whose key and head live in <paramref name="directory"/>, creating the key (0600) for a new,
    /// empty log. Checks the end of the chain against the head; a full check is <see cref="VerifyAsync"/>.
    /// </summary>
    public static async Task<AuditLog> OpenAsync(
        string directory,
        IAuditStore store,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(store);
        Directory.CreateDirectory(directory);
        var keyPath = Path.Combine(directory, AuditKeyFile.FileName);
        var last = await store.ReadLastAsync(cancellationToken).ConfigureAwait(false);
        var key = AuditKeyFile.Load(keyPath);
        if (key is null)
        {
            if (last is not null)
            {
                throw new AuditLogException(
                    AuditProblem.KeyMissing,
                    $"The audit log has entries but its key file ({AuditKeyFile.FileName}) is missing from the data directory, so it can be neither verified nor extended. Restore {AuditKeyFile.FileName} from a backup of the data directory.");
            }

            key = AuditKeyFile.Create(keyPath);
        }

        var log = new AuditLog(store, timeProvider ?? TimeProvider.System, key, AuditChainHead.Open(Path.Combine(directory, AuditChainHead.FileName), key.Span));
        try
        {
            await log.ResumeAsync(last, cancellationToken).ConfigureAwait(false);
            return log;
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>The fingerprint that identifies <paramref name="apiKey"/> in the log: 16 hex digits of an HMAC.</summary>
    public string Fingerprint(ReadOnlySpan<char> apiKey) => _fingerprinter.Of(apiKey);

    /// <inheritdoc cref="Fingerprint(ReadOnlySpan{char})"/>
    public string Fingerprint(ReadOnlySpan<byte> apiKey) => _fingerprinter.Of(apiKey);

    /// <summary>
    /// Appends an entry durably and advances the chain head. Throws <see cref="AuditLogException"/> when it
    /// cannot; the caller must then refuse the action the entry was for.
    /// </summary>
    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Validate(auditEvent);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (_blockedBy is { } blocked)
                {
                    throw new AuditLogException(
                        blocked.Problem!.Value,
                        "The audit log failed verification, so no entry is added to it and the action was refused. " + blocked.Summary);
                }

                var record = Seal(auditEvent, _count + 1, _lastMac);
                bool appended;
                try
                {
                    appended = await _store.TryAppendAsync(record, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    throw new AuditLogException(AuditProblem.WriteFailed, "The audit entry could not be written, so the action was refused.", exception);
                }

                if (appended)
                {
                    Advance(record.Sequence, record.Mac);
                    WriteHead();
                    return record;
                }

                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            }

            throw new AuditLogException(AuditProblem.WriteFailed, "The audit entry could not be written because other writers kept appending; the action was refused.");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Unblocks a log that failed verification at open (after a restore from backup, say) by an explicit decision:
    /// continues the chain from the entries actually stored and records, as the first new entry, what was found.
    /// The evidence stays: that entry names the problem, and a full verification still reports an altered entry.
    /// </summary>
    public async Task<AuditRecord> ResealAsync(string actor, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var blocked = _blockedBy ?? throw new InvalidOperationException("The audit log is not blocked; there is nothing to reseal.");
            var resealed = new AuditEvent(actor, AuditAction.ChainResealed)
            {
                Outcome = string.Create(CultureInfo.InvariantCulture, $"{blocked.Problem} at entry {blocked.FirstBadSequence?.ToString(CultureInfo.InvariantCulture) ?? "-"}"),
            };
            Validate(resealed);
            var last = await _store.ReadLastAsync(cancellationToken).ConfigureAwait(false);
            var record = Seal(resealed, (last?.Sequence ?? 0) + 1, last?.Mac ?? AuditChainMac.Genesis.ToArray());
            bool appended;
            try
            {
                appended = await _store.TryAppendAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new AuditLogException(AuditProblem.WriteFailed, "The audit log could not be resealed: the entry could not be written.", exception);
            }

            if (!appended)
            {
                throw new AuditLogException(AuditProblem.WriteFailed, "The audit log could not be resealed: another writer appended at the same time. Try again.");
            }

            _blockedBy = null;
            Advance(record.Sequence, record.Mac);
            WriteHead();
            return record;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Walks the whole chain and reports the first problem: an edited, inserted, deleted or reordered entry,
    /// entries cut from the end, a replaced key file, or a damaged or missing chain head.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        AuditChainHead.HeadState head;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            head = _head.Read();
        }
        finally
        {
            _writeLock.Release();
        }

        using var chain = new AuditChainMac(_key.Span);
        var previous = AuditChainMac.Genesis.ToArray();
        var computed = new byte[AuditChainMac.Size];
        byte[]? macAtHead = null;
        long checkedCount = 0;
        await foreach (var record in _store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            var expected = checkedCount + 1;
            if (record.Sequence != expected)
            {
                return record.Sequence > expected
                    ? Failure(checkedCount, AuditProblem.EntryMissing, expected, $"Entry {expected} is missing: entries were deleted from the audit log.")
                    : Failure(checkedCount, AuditProblem.OutOfOrder, record.Sequence, $"Entry {record.Sequence} appears out of order: entries were reordered or duplicated.");
            }

            chain.Compute(previous, record, computed);
            if (!CryptographicOperations.FixedTimeEquals(computed, record.Mac))
            {
                return head.Problem == AuditProblem.KeyReplaced
                    ? Failure(checkedCount, AuditProblem.KeyReplaced, expected, $"The audit key file was replaced: the entries and the chain head were written under another key ({AuditKeyFile.FileName}).")
                    : Failure(checkedCount, AuditProblem.EntryAltered, expected, $"Entry {expected} does not match its MAC: it was edited, replaced or moved.");
            }

            (previous, computed) = (computed, previous);
            checkedCount++;
            if (checkedCount == head.Count)
            {
                macAtHead = previous.ToArray();
            }
        }

        return Judge(head, checkedCount, macAtHead) ?? AuditVerification.Intact(checkedCount);
    }

    public void Dispose()
    {
        _head.Dispose();
        _mac.Dispose();
        _fingerprinter.Dispose();
        _key.Dispose();
        _writeLock.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"AuditLog({Count} entries)");

    private static AuditVerification? Judge(AuditChainHead.HeadState head, long storedCount, byte[]? macAtHead)
    {
        if (head.IsEmpty && storedCount > 0)
        {
            return Failure(storedCount, AuditProblem.HeadMissing, null, $"The chain head file ({AuditChainHead.FileName}) is missing although the log has entries, so entries cut from its end could not be detected.");
        }

        if (head.Problem == AuditProblem.KeyReplaced)
        {
            return Failure(storedCount, AuditProblem.KeyReplaced, null, $"The audit key file ({AuditKeyFile.FileName}) or the chain head ({AuditChainHead.FileName}) was replaced: they were written under different keys.");
        }

        if (head.Problem is not null)
        {
            return Failure(storedCount, AuditProblem.HeadDamaged, null, $"The chain head file ({AuditChainHead.FileName}) is damaged or was edited.");
        }

        if (storedCount < head.Count)
        {
            return Failure(storedCount, AuditProblem.Truncated, storedCount + 1, $"The audit log ends at entry {storedCount} but had {head.Count} entries: entries were cut from its end.");
        }

        if (head.Count > 0 && (macAtHead is null || !CryptographicOperations.FixedTimeEquals(macAtHead, head.LastMac)))
        {
            return Failure(storedCount, AuditProblem.TailReplaced, head.Count, $"Entry {head.Count} is not the one the chain head recorded: the end of the log was rewritten.");
        }

        if (head.OtherSlotInvalid && storedCount == head.Count)
        {
            return Failure(storedCount, AuditProblem.HeadDamaged, null, $"The chain head file ({AuditChainHead.FileName}) is damaged or was edited.");
        }

        return null;
    }

    private static AuditVerification Failure(long checkedCount, AuditProblem problem, long? sequence, string summary) =>
        AuditVerification.Failed(checkedCount, problem, sequence, summary);

    private static void Validate(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Actor, nameof(auditEvent));
        CheckText(auditEvent.Actor, nameof(AuditEvent.Actor));
        CheckText(auditEvent.ConnectionId, nameof(AuditEvent.ConnectionId));
        CheckText(auditEvent.KeyFingerprint, nameof(AuditEvent.KeyFingerprint));
        CheckText(auditEvent.Endpoint, nameof(AuditEvent.Endpoint));
        CheckText(auditEvent.Outcome, nameof(AuditEvent.Outcome));
        AuditActionCodes.ToCode(auditEvent.Action);
        if (auditEvent.Endpoint?.Contains('?', StringComparison.Ordinal) == true)
        {
            throw new ArgumentException("Endpoint must be a path without its query string (signatures travel there).", nameof(auditEvent));
        }

        if (auditEvent.Duration < TimeSpan.Zero)
        {
            throw new ArgumentException("Duration must not be negative.", nameof(auditEvent));
        }
    }

    private static void CheckText(string? value, string field)
    {
        if (value is not null && (value.Length > MaxFieldLength || value.Any(char.IsControl)))
        {
            throw new ArgumentException($"{field} must be at most {MaxFieldLength} characters without control characters.", field);
        }
    }

    private AuditRecord Seal(AuditEvent auditEvent, long sequence, byte[] previousMac)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var record = new AuditRecord(
            sequence,
            new DateTimeOffset(now - (now % 10), TimeSpan.Zero),
            auditEvent.Actor,
            auditEvent.Action,
            auditEvent.ConnectionId,
            auditEvent.KeyFingerprint,
            auditEvent.Endpoint,
            auditEvent.Outcome,
            auditEvent.Duration is { } duration ? TimeSpan.FromTicks(duration.Ticks - (duration.Ticks % 10)) : null,
            new byte[AuditChainMac.Size]);
        _mac.Compute(previousMac, record, record.Mac);
        return record;
    }

    private void Advance(long count, byte[] lastMac)
    {
        _lastMac = lastMac;
        Interlocked.Exchange(ref _count, count);
    }

    private void WriteHead()
    {
        try
        {
            _head.Write(_count, _lastMac);
        }
        catch (IOException exception)
        {
            throw new AuditLogException(AuditProblem.WriteFailed, $"The audit entry was written but the chain head ({AuditChainHead.FileName}) could not be updated, so the action was refused.", exception);
        }
    }

    /// <summary>At open: continue from the head, after checking the log's end against it.</summary>
    private async Task ResumeAsync(AuditRecord? last, CancellationToken cancellationToken)
    {
        var head = _head.Read();
        var storedCount = last?.Sequence ?? 0;
        if (head.Problem is null && !head.IsEmpty && storedCount > head.Count)
        {
            // The log grew past the head (a crash between the two writes): verify the extra entries from the head.
            Advance(head.Count, head.LastMac);
            _blockedBy = await CatchUpCoreAsync(cancellationToken).ConfigureAwait(false);
            if (_blockedBy is null)
            {
                WriteHead();
            }

            return;
        }

        _blockedBy = Judge(head, storedCount, last?.Sequence == head.Count ? last.Mac : null);
        if (_blockedBy is null)
        {
            Advance(head.Count, head.LastMac);
        }
    }

    /// <summary>After losing a race to another writer: verify and adopt the entries it appended.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        _blockedBy = await CatchUpCoreAsync(cancellationToken).ConfigureAwait(false);
        if (_blockedBy is null)
        {
            WriteHead();
        }
    }

    private async Task<AuditVerification?> CatchUpCoreAsync(CancellationToken cancellationToken)
    {
        var computed = new byte[AuditChainMac.Size];
        await foreach (var record in _store.ReadAsync(_count, cancellationToken).ConfigureAwait(false))
        {
            var expected = _count + 1;
            if (record.Sequence != expected)
            {
                return Failure(_count, AuditProblem.EntryMissing, expected, $"Entry {expected} is missing: entries were deleted from the audit log.");
            }

            _mac.Compute(_lastMac, record, computed);
            if (!CryptographicOperations.FixedTimeEquals(computed, record.Mac))
            {
                return Failure(_count, AuditProblem.EntryAltered, expected, $"Entry {expected} does not match its MAC: it was edited, replaced or moved.");
            }

            Advance(expected, computed.ToArray());
        }

        return null;
    }
}
