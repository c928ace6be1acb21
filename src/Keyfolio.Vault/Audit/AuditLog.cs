using System.Globalization;
using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Headers;
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

    /// <summary>The audit key's file in the data directory.</summary>
    public const string KeyFileName = AuditKeyFile.FileName;

    /// <summary>The chain head's file in the data directory.</summary>
    public const string HeadFileName = AuditChainHead.FileName;

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
        HeaderSeal = new HeaderSealKey(key.Span);
    }

    /// <summary>The key, derived from the audit key, that seals the vault header in the same data directory.</summary>
    internal HeaderSealKey HeaderSeal { get; }

    /// <summary>Entries in the chain as this log knows it.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// Set when opening or a full <see cref="VerifyAsync"/> found the chain broken (entries altered, deleted or cut,
    /// head missing or damaged): the log then refuses to append, so the evidence is not buried under new entries, until
    /// an administrator decides to <see cref="ResealAsync"/> it.
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
                ThrowIfBlocked();

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
    /// Appends an entry in the same write as the change it records, so the log never holds an entry for a change that
    /// did not happen and no change happens without its entry, even when the process is killed in between:
    /// <paramref name="write"/> gets the sealed entry and must store it together with the change, in one transaction,
    /// returning false with nothing written when the change is refused or another writer took the entry's sequence
    /// number. Returns whether the change (and its entry) was written. Throws <see cref="AuditLogException"/> when the
    /// log refuses entries; whatever <paramref name="write"/> throws propagates, with nothing written.
    /// </summary>
    public async Task<bool> AppendWithAsync(AuditEvent auditEvent, Func<AuditRecord, Task<bool>> write, CancellationToken cancellationToken = default)
    {
        Validate(auditEvent);
        ArgumentNullException.ThrowIfNull(write);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                ThrowIfBlocked();

                var record = Seal(auditEvent, _count + 1, _lastMac);
                bool written;
                try
                {
                    written = await write(record).ConfigureAwait(false);
                }
                catch (IOException exception)
                {
                    throw new AuditLogException(AuditProblem.WriteFailed, "The change and its audit entry could not be written, so the action was refused.", exception);
                }

                if (written)
                {
                    Advance(record.Sequence, record.Mac);
                    try
                    {
                        _head.Write(_count, _lastMac);
                    }
                    catch (IOException)
                    {
                        // The change and its entry are committed; a head left one entry behind is caught up, after
                        // verifying the entry, at the next append or open.
                    }

                    return true;
                }

                var before = _count;
                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
                if (_count == before && _blockedBy is null)
                {
                    return false;
                }
            }

            throw new AuditLogException(AuditProblem.WriteFailed, "The audit entry could not be written because other writers kept appending; the action was refused.");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Continues a broken log (after a restore from backup, say) by an explicit decision: for the break recorded when
    /// it was opened or verified, or found now by a full walk. The new entry (<see cref="AuditAction.ChainResealed"/>)
    /// names the problem and where it is, and is chained over the entries exactly as they are stored now, so it accepts
    /// them as they are and no later change to them: verification then passes over that break and still catches any
    /// other. Throws <see cref="InvalidOperationException"/> when the log is intact.
    /// </summary>
    public async Task<AuditRecord> ResealAsync(string actor, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var walk = await WalkAsync(_head.Read(), cancellationToken).ConfigureAwait(false);
            var broken = _blockedBy ?? (walk.Verification.IsIntact ? null : walk.Verification)
                ?? throw new InvalidOperationException("The audit log is not broken; there is nothing to reseal.");
            var resealed = new AuditEvent(actor, AuditAction.ChainResealed)
            {
                Outcome = string.Create(CultureInfo.InvariantCulture, $"{broken.Problem} at entry {broken.FirstBadSequence?.ToString(CultureInfo.InvariantCulture) ?? "-"}"),
            };
            Validate(resealed);
            var record = Seal(resealed, walk.LastSequence + 1, walk.ChainMac);
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

            // Both head slots: one may have been damaged or written under another key, which was part of the break.
            Advance(walk.LastSequence, walk.ChainMac);
            WriteHead();
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
    /// Walks the whole chain and reports the first problem: an edited, inserted, deleted or reordered entry, entries
    /// cut from the end, a replaced key file, or a damaged or missing chain head. A break that a later reseal accepted
    /// is passed over. A problem found also blocks the log, as one found at open does.
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

        var verification = (await WalkAsync(head, cancellationToken).ConfigureAwait(false)).Verification;
        if (!verification.IsIntact)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _blockedBy ??= verification;
            }
            finally
            {
                _writeLock.Release();
            }
        }

        return verification;
    }

    public void Dispose()
    {
        _head.Dispose();
        _mac.Dispose();
        _fingerprinter.Dispose();
        HeaderSeal.Dispose();
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

    /// <summary>
    /// Recomputes the chain over every stored entry, each MAC from the one computed before it rather than from the
    /// stored column, so the chain MAC at the end commits to every entry as stored. The first break stands until an
    /// authentic reseal entry follows it (a reseal is chained over the entries as they were when it was made).
    /// </summary>
    private async Task<ChainWalk> WalkAsync(AuditChainHead.HeadState head, CancellationToken cancellationToken)
    {
        using var chain = new AuditChainMac(_key.Span);
        var running = AuditChainMac.Genesis.ToArray();
        var computed = new byte[AuditChainMac.Size];
        byte[]? macAtHead = null;
        long entries = 0;
        long lastSequence = 0;
        long? resealedAt = null;
        AuditVerification? firstBreak = null;
        await foreach (var record in _store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            var expected = lastSequence + 1;
            if (record.Sequence != expected)
            {
                firstBreak ??= record.Sequence > expected
                    ? Failure(entries, AuditProblem.EntryMissing, expected, $"Entry {expected} is missing: entries were deleted from the audit log.")
                    : Failure(entries, AuditProblem.OutOfOrder, record.Sequence, $"Entry {record.Sequence} appears out of order: entries were reordered or duplicated.");
            }

            chain.Compute(running, record, computed);
            if (!CryptographicOperations.FixedTimeEquals(computed, record.Mac))
            {
                firstBreak ??= head.Problem == AuditProblem.KeyReplaced
                    ? Failure(entries, AuditProblem.KeyReplaced, record.Sequence, $"The audit key file was replaced: the entries and the chain head were written under another key ({AuditKeyFile.FileName}).")
                    : Failure(entries, AuditProblem.EntryAltered, record.Sequence, $"Entry {record.Sequence} does not match its MAC: it was edited, replaced or moved.");
            }
            else if (firstBreak is not null && record.Action == AuditAction.ChainResealed)
            {
                firstBreak = null;
                resealedAt = record.Sequence;
            }

            (running, computed) = (computed, running);
            entries++;
            lastSequence = record.Sequence;
            if (record.Sequence == head.Count)
            {
                macAtHead = running.ToArray();
            }
        }

        var verification = firstBreak ?? Judge(head, lastSequence, macAtHead) ?? AuditVerification.Intact(entries, resealedAt);
        return new ChainWalk(verification, running, lastSequence);
    }

    private void ThrowIfBlocked()
    {
        if (_blockedBy is { } blocked)
        {
            throw new AuditLogException(
                blocked.Problem!.Value,
                "The audit log failed verification, so no entry is added to it and the action was refused. " + blocked.Summary);
        }
    }

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

    /// <summary>
    /// At open: continue from the head, after checking the log's end against it — the last entry's MAC recomputed from
    /// its predecessor, never the stored column taken on trust. An end that does not follow is walked in full, which
    /// tells an edited entry from a reseal that accepted an earlier break.
    /// </summary>
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

        var macAtHead = head.Problem is null && head.Count > 0 && storedCount == head.Count
            ? await RecomputeMacAsync(head.Count, cancellationToken).ConfigureAwait(false)
            : null;
        _blockedBy = Judge(head, storedCount, macAtHead);
        if (_blockedBy?.Problem == AuditProblem.TailReplaced)
        {
            var walked = (await WalkAsync(head, cancellationToken).ConfigureAwait(false)).Verification;
            _blockedBy = walked.IsIntact ? null : walked;
        }

        if (_blockedBy is null)
        {
            Advance(head.Count, head.LastMac);
        }
    }

    /// <summary>The MAC of entry <paramref name="sequence"/> recomputed from its predecessor's stored MAC; null when either is missing.</summary>
    private async Task<byte[]?> RecomputeMacAsync(long sequence, CancellationToken cancellationToken)
    {
        var previous = sequence == 1 ? AuditChainMac.Genesis.ToArray() : null;
        await foreach (var record in _store.ReadAsync(Math.Max(0, sequence - 2), cancellationToken).ConfigureAwait(false))
        {
            if (record.Sequence == sequence - 1)
            {
                previous = record.Mac;
            }
            else if (record.Sequence == sequence)
            {
                if (previous is null)
                {
                    return null;
                }

                var mac = new byte[AuditChainMac.Size];
                _mac.Compute(previous, record, mac);
                return mac;
            }
            else
            {
                return null;
            }
        }

        return null;
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

    /// <summary>A full walk's verdict, with the chain MAC over every stored entry and the last sequence number.</summary>
    private sealed record ChainWalk(AuditVerification Verification, byte[] ChainMac, long LastSequence);
}
