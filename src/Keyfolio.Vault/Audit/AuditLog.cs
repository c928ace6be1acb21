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

    /// <summary>
    /// Tries an append makes before it gives up. Each failed try means another writer (another node on the same database)
    /// took the sequence number first, and the entries it added were verified and adopted before the next try, so every
    /// failure is progress someone else made; an append is refused only when the others keep winning this many times in
    /// a row, far more than a few nodes writing at once cause.
    /// </summary>
    internal const int MaxAppendAttempts = 64;

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
                    $"The audit log has entries but its key file ({AuditKeyFile.FileName}) is missing from the data directory, so it can be neither verified nor extended. Restore {AuditKeyFile.FileName} from a backup of the data directory; a new node of a database other nodes use joins them with a copy of their {AuditKeyFile.FileName} instead (keyfolio join-node).");
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

    /// <summary>
    /// Joins the data directory <paramref name="directory"/> to a log other nodes already write: the key, the bytes of
    /// a copy of another node's key file (<paramref name="keyFile"/>), must verify the whole chain as stored — every
    /// entry, from the first — and then is installed there (owner-only, in one step) with this directory's own head at
    /// the verified end of the chain. A directory that holds the same key already is joined again, its head kept as the
    /// lower bound it is (entries cut below it are still caught). Throws <see cref="AuditJoinException"/>, having
    /// installed nothing, when the file is not a key, the log is empty, the key is not the chain's, the chain is broken,
    /// or the directory holds another key or head. The caller records the join with an entry.
    /// </summary>
    public static async Task<AuditJoin> JoinAsync(
        string directory,
        IAuditStore store,
        ReadOnlyMemory<byte> keyFile,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(store);
        var key = AuditKeyFile.Parse(keyFile.Span)
            ?? throw new AuditJoinException(AuditJoinRefusal.NotAKeyFile, $"The file given is not a Keyfolio audit key ({AuditKeyFile.FileName}).");
        AuditLog? log = null;
        var headPath = Path.Combine(directory, AuditChainHead.FileName);
        var hadHead = File.Exists(headPath) && new FileInfo(headPath).Length > 0;
        try
        {
            Directory.CreateDirectory(directory);
            var keyPath = Path.Combine(directory, AuditKeyFile.FileName);
            var hadKey = HoldsSameKey(keyPath, key);
            log = new AuditLog(store, timeProvider ?? TimeProvider.System, key, AuditChainHead.Open(headPath, key.Span));
            key = null;
            var head = log._head.Read();
            if (hadHead && head.Problem is not null)
            {
                throw OtherKeyInstalled();
            }

            if (!await log.KeyVerifiesFirstEntryAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new AuditJoinException(AuditJoinRefusal.KeyDoesNotMatch, "The audit key given does not verify the first entries of the audit log: it is not this log's key.");
            }

            // No head yet: nothing to hold the chain's end against but the chain itself.
            var walk = await log.WalkAsync(hadHead ? head : AuditChainHead.HeadState.Unbounded, cancellationToken).ConfigureAwait(false);
            if (!walk.Verification.IsIntact)
            {
                throw new AuditJoinException(AuditJoinRefusal.ChainBroken, "The audit log failed verification with the key given: " + walk.Verification.Summary, walk.Verification);
            }

            if (!hadKey)
            {
                AuditKeyFile.Install(keyPath, log._key.Span);
            }

            // Both slots, as a reseal writes them: a head with one valid slot at the end of the log reads as damaged.
            log.Advance(walk.LastSequence - 1, walk.PreviousMac);
            log.WriteHead();
            log.Advance(walk.LastSequence, walk.ChainMac);
            log.WriteHead();
            var joined = new AuditJoin(log, walk.Verification, hadKey && hadHead);
            log = null;
            return joined;
        }
        catch (AuditJoinException) when (!hadHead)
        {
            // Refused: the empty head file opened for the walk goes too, so the directory is as it was.
            log?.Dispose();
            log = null;
            File.Delete(headPath);
            throw;
        }
        finally
        {
            key?.Dispose();
            log?.Dispose();
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
            for (var attempt = 0; attempt < MaxAppendAttempts; attempt++)
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

                await CatchUpAsync(null, cancellationToken).ConfigureAwait(false);
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
            for (var attempt = 0; attempt < MaxAppendAttempts; attempt++)
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
                await CatchUpAsync(null, cancellationToken).ConfigureAwait(false);
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
    /// is passed over. A problem found also blocks the log, as one found at open does; an intact chain longer than this
    /// log knew (other nodes appended) is adopted, and the head moves to its end.
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

        var walk = await WalkAsync(head, cancellationToken).ConfigureAwait(false);
        var verification = walk.Verification;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!verification.IsIntact)
            {
                _blockedBy ??= verification;
            }
            else if (_blockedBy is null && walk.LastSequence > _count)
            {
                // Entries other nodes appended, now verified: the head moves to them, so a cut below them is caught here too.
                Advance(walk.LastSequence, walk.ChainMac);
                try
                {
                    _head.Write(_count, _lastMac);
                }
                catch (IOException)
                {
                    // The head stays where it was, still a valid bound; the next append or open moves it.
                }
            }
        }
        finally
        {
            _writeLock.Release();
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

    /// <summary>Whether a key file at <paramref name="path"/> holds <paramref name="key"/>: false when there is none; refused when it holds another.</summary>
    private static bool HoldsSameKey(string path, SecretBuffer key)
    {
        SecretBuffer? existing;
        try
        {
            existing = AuditKeyFile.Load(path);
        }
        catch (AuditLogException)
        {
            throw OtherKeyInstalled();
        }

        using (existing)
        {
            return existing is null ? false : CryptographicOperations.FixedTimeEquals(existing.Span, key.Span) ? true : throw OtherKeyInstalled();
        }
    }

    private static AuditJoinException OtherKeyInstalled() => new(
        AuditJoinRefusal.OtherKeyInstalled,
        $"The data directory already holds an audit key ({AuditKeyFile.FileName}) or chain head ({AuditChainHead.FileName}) of another audit log than the key given.");

    /// <summary>
    /// Whether the key verifies the first stored entry, or else the second from the first's stored MAC: a key that
    /// verifies neither is another log's, while this log's key with an altered first entry still verifies the second.
    /// Throws <see cref="AuditJoinException"/> (<see cref="AuditJoinRefusal.EmptyLog"/>) when there is no entry.
    /// </summary>
    private async Task<bool> KeyVerifiesFirstEntryAsync(CancellationToken cancellationToken)
    {
        var previous = AuditChainMac.Genesis.ToArray();
        var computed = new byte[AuditChainMac.Size];
        var read = 0;
        await foreach (var record in _store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            _mac.Compute(previous, record, computed);
            if (CryptographicOperations.FixedTimeEquals(computed, record.Mac))
            {
                return true;
            }

            previous = record.Mac;
            if (++read == 2)
            {
                break;
            }
        }

        return read > 0 ? false : throw new AuditJoinException(AuditJoinRefusal.EmptyLog, "The audit log has no entries: there is no chain to verify the key against, and no node to join yet.");
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
        var previous = AuditChainMac.Genesis.ToArray();
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

            running.CopyTo(previous, 0);
            (running, computed) = (computed, running);
            entries++;
            lastSequence = record.Sequence;
            if (record.Sequence == head.Count)
            {
                macAtHead = running.ToArray();
            }
        }

        var verification = firstBreak ?? Judge(head, lastSequence, macAtHead) ?? AuditVerification.Intact(entries, resealedAt);
        return new ChainWalk(verification, running, previous, lastSequence);
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
    /// At open: continue from the head, after checking the log's end against it — the entry the head recorded, its MAC
    /// recomputed from its predecessor, never the stored column taken on trust. A log that grew past the head (other
    /// nodes on the same database appended, each keeping a head of its own; or a crash between the two writes) is then
    /// verified from there to its end. An end that does not follow is walked in full, which tells an edited entry from
    /// a reseal that accepted an earlier break.
    /// </summary>
    private async Task ResumeAsync(AuditRecord? last, CancellationToken cancellationToken)
    {
        var head = _head.Read();
        var storedCount = last?.Sequence ?? 0;
        var macAtHead = head.Problem is null && head.Count > 0 && storedCount >= head.Count
            ? await RecomputeMacAsync(head.Count, cancellationToken).ConfigureAwait(false)
            : null;
        _blockedBy = Judge(head, storedCount, macAtHead);
        if (_blockedBy is null && storedCount > head.Count)
        {
            Advance(head.Count, head.LastMac);
            await CatchUpAsync(head, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_blockedBy?.Problem == AuditProblem.TailReplaced)
        {
            await AdoptWalkAsync(head, cancellationToken).ConfigureAwait(false);
            return;
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

    /// <summary>
    /// After losing a race to another writer, or at open when other nodes appended past the head: verify and adopt the
    /// entries appended since. Entries that do not follow are walked in full before the log is blocked, since another
    /// node's reseal is chained over the entries as stored, not over the chain as this node knew it.
    /// </summary>
    private async Task CatchUpAsync(AuditChainHead.HeadState? head, CancellationToken cancellationToken)
    {
        _blockedBy = await CatchUpCoreAsync(cancellationToken).ConfigureAwait(false);
        if (_blockedBy is null)
        {
            WriteHead();
            return;
        }

        await AdoptWalkAsync(head ?? _head.Read(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Walks the whole chain: intact, the log continues from its end (and the head moves there); broken, the log is blocked.</summary>
    private async Task AdoptWalkAsync(AuditChainHead.HeadState head, CancellationToken cancellationToken)
    {
        var walk = await WalkAsync(head, cancellationToken).ConfigureAwait(false);
        _blockedBy = walk.Verification.IsIntact ? null : walk.Verification;
        if (_blockedBy is null)
        {
            Advance(walk.LastSequence, walk.ChainMac);
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

    /// <summary>A full walk's verdict, with the chain MAC over every stored entry, the one before the last entry, and the last sequence number.</summary>
    private sealed record ChainWalk(AuditVerification Verification, byte[] ChainMac, byte[] PreviousMac, long LastSequence);
}
