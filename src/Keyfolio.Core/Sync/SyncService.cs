using System.Collections.Concurrent;
using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Health;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Telemetry;
using Keyfolio.Exchanges;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Sync;

/// <summary>
/// Refreshes connections: reads the key's facts when due (once per process at least, which also tells the connectors
/// which account a key belongs to, so per-account rate budgets are shared), then the balances, and writes the
/// snapshot and the connection's new state in one transaction. A failure records the refusal and keeps the last good
/// holdings; a wallet that fails while the others are read keeps its last good holdings in the new snapshot, marked
/// stale with the time they were read. Connections refresh in parallel; the exchanges' rate-limit budgets pace the calls, and a connection the
/// budget cannot serve soon is deferred to the time it can.
/// </summary>
public sealed class SyncService
{
    private readonly KeyfolioDatabase _database;
    private readonly ConnectionRepository _connections;
    private readonly ConnectionService _connectionService;
    private readonly StoredKeys _keys;
    private readonly ConnectionChangeFeed _changes;
    private readonly VaultAccess _vault;
    private readonly ExchangeConnectors _connectors;
    private readonly SnapshotBuilder _snapshotBuilder;
    private readonly EgressAddressService _egress;
    private readonly KeyfolioCoreOptions _options;
    private readonly TimeProvider _time;
    private readonly SyncLeases _leases;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _factsReadAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshing = new(StringComparer.Ordinal);

    // When the cycle of each connection's latest sync began: the scheduler's pass, or the refresh itself. The next one is
    // due an interval after that, not after the sync ended, so time spent waiting for a slot or for the exchange's answer
    // does not push every later sync back (an interval of a minute stays a minute, however long a pass takes).
    private readonly ConcurrentDictionary<string, DateTimeOffset> _cycleFrom = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private long _lastPruneTicks;

    internal SyncService(
        KeyfolioDatabase database,
        ConnectionService connectionService,
        StoredKeys keys,
        ConnectionChangeFeed changes,
        VaultAccess vault,
        ExchangeConnectors connectors,
        SnapshotBuilder snapshotBuilder,
        EgressAddressService egress,
        KeyfolioCoreOptions options,
        TimeProvider time,
        ILogger<SyncService> logger)
    {
        _logger = logger;
        _database = database;
        _connections = new ConnectionRepository(database);
        _connectionService = connectionService;
        _keys = keys;
        _changes = changes;
        _vault = vault;
        _connectors = connectors;
        _snapshotBuilder = snapshotBuilder;
        _egress = egress;
        _options = options;
        _time = time;
        _leases = new SyncLeases(database, time, options.SyncLeasePeriod);
    }

    /// <summary>Refreshes one connection now, as a person asked: refused during the cooldown after the previous manual refresh.</summary>
    public async Task<CoreResult<RefreshOutcome>> RefreshNowAsync(string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var connection = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        var now = _time.GetUtcNow();
        if (connection.LastManualRefreshAt is { } last && now - last < _options.ManualRefreshCooldown)
        {
            var retryAt = last + _options.ManualRefreshCooldown;
            return new CoreError(
                CoreErrorKind.CooldownActive,
                Texts.Of("WasRefreshedMomentsAgoThe", connection.Label, retryAt),
                Texts.Of("WaitALittleTheScheduler"))
            { RetryAt = retryAt };
        }

        await _connections.UpdateAsync(connection with { LastManualRefreshAt = now }, cancellationToken).ConfigureAwait(false);
        var outcome = await RefreshAsync(connection.Id, cancellationToken).ConfigureAwait(false);

        // The connections' statuses and ages after the refresh, for the gauges.
        await _connectionService.ListAsync(false, cancellationToken).ConfigureAwait(false);
        return outcome.Error is { } error ? error : outcome;
    }

    /// <summary>Refreshes every active connection in parallel and waits for deferred ones until their budget allows.</summary>
    public async Task<IReadOnlyList<RefreshOutcome>> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var connections = await _connections.ListAsync(cancellationToken).ConfigureAwait(false);
        return await RefreshManyAsync([.. connections.Select(c => c.Id)], waitForDeferred: true, cycleFrom: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refreshes the connections whose interval has passed (the scheduler's pass); returns when the next one is due.</summary>
    public Task<(IReadOnlyList<RefreshOutcome> Outcomes, DateTimeOffset NextDue)> RefreshDueAsync(CancellationToken cancellationToken) =>
        RefreshDueAsync(null, cancellationToken);

    /// <summary>Refreshes the connections of <paramref name="exchange"/> (every exchange when null) whose interval has
    /// passed; returns when the next of them is due.</summary>
    public async Task<(IReadOnlyList<RefreshOutcome> Outcomes, DateTimeOffset NextDue)> RefreshDueAsync(ExchangeId? exchange, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var connections = (await _connections.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => exchange is null || c.Exchange == exchange).ToList();
        var due = connections.Where(c => DueAt(c) <= now).Select(c => c.Id).ToList();
        var outcomes = due.Count == 0 ? [] : await RefreshManyAsync(due, waitForDeferred: false, cycleFrom: now, cancellationToken).ConfigureAwait(false);
        var deferred = outcomes.Where(o => o.Result == RefreshResult.Deferred && o.RetryAt is not null).Select(o => o.RetryAt!.Value);
        var refreshed = (await _connections.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => exchange is null || c.Exchange == exchange);
        var attempted = due.ToHashSet(StringComparer.Ordinal);

        // A connection this pass tried but could not bring up to date (skipped by policy or while locking, refused by the
        // audit log) is still due; it waits one interval rather than making the next pass start at once, again and again.
        var next = refreshed
            .Select(c => DueAt(c) is var at && at <= now && attempted.Contains(c.Id) ? now + (c.SyncInterval ?? _options.DefaultSyncInterval) : at)
            .Concat(deferred)
            .DefaultIfEmpty(now + _options.DefaultSyncInterval)
            .Min();
        return (outcomes, next);
    }

    /// <summary>Refreshes one connection by id.</summary>
    public Task<RefreshOutcome> RefreshAsync(string connectionId, CancellationToken cancellationToken) =>
        RefreshAsync(connectionId, null, cancellationToken);

    /// <summary>Refreshes one connection by id, as part of the cycle that began at <paramref name="cycleFrom"/> (now when null).</summary>
    private async Task<RefreshOutcome> RefreshAsync(string connectionId, DateTimeOffset? cycleFrom, CancellationToken cancellationToken)
    {
        var from = cycleFrom ?? _time.GetUtcNow();
        var gate = _refreshing.GetOrAdd(connectionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await _connections.FindByIdAsync(connectionId, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                return new RefreshOutcome(connectionId, connectionId, RefreshResult.Skipped) { Error = Errors.ConnectionNotFound(connectionId) };
            }

            var claim = await _leases.TryClaimAsync(connectionId, cancellationToken).ConfigureAwait(false);
            if (!claim.Claimed)
            {
                return RefreshingElsewhere(connection, claim.HeldUntil);
            }

            try
            {
                // Read again under the lease: another server may have refreshed it since this pass listed what was due.
                connection = await _connections.FindByIdAsync(connectionId, cancellationToken).ConfigureAwait(false);
                if (connection is null || (cycleFrom is { } pass && DueAt(connection) > pass))
                {
                    return new RefreshOutcome(connectionId, connection?.Label ?? connectionId, RefreshResult.Skipped);
                }

                using var activity = CoreTelemetry.StartSync(connection);
                var started = _time.GetTimestamp();
                var outcome = await RefreshUnderLeaseAsync(connection, cancellationToken).ConfigureAwait(false);
                CoreTelemetry.SyncEnded(activity, connection.Exchange, outcome, _time.GetElapsedTime(started));
                if (outcome.Result is RefreshResult.Refreshed or RefreshResult.Failed)
                {
                    _cycleFrom[connectionId] = from;
                }

                return outcome;
            }
            finally
            {
                await ReleaseLeaseAsync(connectionId).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Refreshes while renewing the lease every third of its period; a lease found lost (this server stalled past it,
    /// and another took it over) stops the refresh, whose write would be refused by the lease's check anyway.
    /// </summary>
    private async Task<RefreshOutcome> RefreshUnderLeaseAsync(Connection connection, CancellationToken cancellationToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new CancellationTokenSource();
        var renewal = RenewWhileRefreshingAsync(connection.Id, lost, done.Token);
        try
        {
            return await RefreshCoreAsync(connection, lost.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return RefreshingElsewhere(connection, _time.GetUtcNow() + _leases.Period);
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    private async Task RenewWhileRefreshingAsync(string connectionId, CancellationTokenSource lost, CancellationToken done)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_leases.Period / 3, _time, done).ConfigureAwait(false);
                if (!await _leases.RenewAsync(connectionId, done).ConfigureAwait(false))
                {
                    await lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The refresh ended.
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or StoreUnavailableException)
        {
            // The database cannot be reached to renew: the lease may lapse, and the write's check of it decides.
        }
    }

    /// <summary>Gives the lease up; when the database cannot be reached for that, the lease simply expires.</summary>
    private async Task ReleaseLeaseAsync(string connectionId)
    {
        try
        {
            await _leases.ReleaseAsync(connectionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or StoreUnavailableException)
        {
        }
    }

    /// <summary>
    /// Another server holds the connection's lease: deferred to the time that lease ends, when this server looks again —
    /// finding the connection refreshed by the other, or, if the other died, taking it over.
    /// </summary>
    private static RefreshOutcome RefreshingElsewhere(Connection connection, DateTimeOffset heldUntil) =>
        new(connection.Id, connection.Label, RefreshResult.Deferred)
        {
            RetryAt = heldUntil,
            Error = new CoreError(CoreErrorKind.CooldownActive, Texts.Of("IsBeingRefreshedByAnotherServer", connection.Label), Texts.Of("ItsNewBalancesAppearWhenThatServer")) { RetryAt = heldUntil },
        };

    private DateTimeOffset DueAt(Connection connection)
    {
        if ((connection.LastSyncAt ?? connection.LastCheckedAt) is not { } last)
        {
            return DateTimeOffset.MinValue;
        }

        // The cycle's start counts only for the sync it began (not for one recorded before it, nor after a restart).
        var from = _cycleFrom.TryGetValue(connection.Id, out var began) && began <= last ? began : last;
        return from + (connection.SyncInterval ?? _options.DefaultSyncInterval);
    }

    private async Task<IReadOnlyList<RefreshOutcome>> RefreshManyAsync(IReadOnlyList<string> ids, bool waitForDeferred, DateTimeOffset? cycleFrom, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxParallelRefreshes);
        var tasks = ids.Select(async id =>
        {
            while (true)
            {
                RefreshOutcome outcome;
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    outcome = await RefreshAsync(id, cycleFrom, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }

                if (!waitForDeferred || outcome.Result != RefreshResult.Deferred || outcome.RetryAt is not { } retryAt)
                {
                    return outcome;
                }

                var wait = retryAt - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        });
        var outcomes = await Task.WhenAll(tasks).ConfigureAwait(false);
        await PruneIfDueAsync(cancellationToken).ConfigureAwait(false);

        // The connections' statuses and ages after the pass, for the gauges.
        await _connectionService.ListAsync(false, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<RefreshOutcome> RefreshCoreAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (!_vault.IsUnlocked)
        {
            return new RefreshOutcome(connection.Id, connection.Label, RefreshResult.Skipped) { Error = Errors.VaultLocked() };
        }

        if (connection.Facts?.CanWithdraw == true && !connection.WithdrawalAllowed)
        {
            return new RefreshOutcome(connection.Id, connection.Label, RefreshResult.Skipped);
        }

        var opened = await _keys.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return new RefreshOutcome(connection.Id, connection.Label, RefreshResult.Skipped) { Error = opened.Error };
        }

        // The decrypted key is zeroed, and its calls stopped, the moment the vault locks.
        using var use = KeyUse.Begin(_vault.SessionToken, connection, opened.Value, decrypted: true, cancellationToken);
        var connector = _connectors[connection.Exchange];
        var facts = connection.Facts;
        var now = _time.GetUtcNow();
        if (!_factsReadAt.TryGetValue(connection.Id, out var factsRead) || now - factsRead >= _options.FactsRefreshInterval)
        {
            var readFacts = await use.RunAsync((account, token) => connector.GetKeyFactsAsync(account, token)).ConfigureAwait(false);
            if (!readFacts.IsSuccess)
            {
                return NotRun(connection, readFacts.Error);
            }

            if (readFacts.Value.IsSuccess)
            {
                facts = readFacts.Value.Value;
                _factsReadAt[connection.Id] = now;
                if (facts.CanWithdraw && !connection.WithdrawalAllowed)
                {
                    await _connections.UpdateAsync(connection with { Facts = facts }, cancellationToken).ConfigureAwait(false);
                    return new RefreshOutcome(connection.Id, connection.Label, RefreshResult.Skipped);
                }
            }
            else if (IsPacing(readFacts.Value.Diagnosis))
            {
                return Deferred(connection, readFacts.Value.Diagnosis);
            }
            else if (readFacts.Value.Diagnosis.Category == DiagnosisCategory.RateLimited)
            {
                // The exchange's own 429 or ban: the balance call would only be held back by the budget it set, so this
                // refusal is the one to show until the time it names.
                return await RefusedAsync(connection, facts, readFacts.Value.Diagnosis, cancellationToken).ConfigureAwait(false);
            }
        }

        // Where the exchange lets a master key see its sub-accounts, the list is asked beside the balances, and the
        // sub-accounts the person included are read with the master's wallets: all at once.
        var subAccounts = new SubAccountRepository(_database);
        var readsSubAccounts = connector.Descriptor.SubAccounts is not null;
        var included = readsSubAccounts ? (await subAccounts.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false)).Included.ToList() : [];
        var listing = readsSubAccounts ? use.RunAsync((account, token) => connector.GetSubAccountsAsync(account, token)) : null;
        var read = await use.RunAsync((account, token) => connector.GetBalancesAsync(account with { SubAccounts = included }, token)).ConfigureAwait(false);
        if (listing is not null)
        {
            await RecordSubAccountsAsync(connection, await listing.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        if (!read.IsSuccess)
        {
            return NotRun(connection, read.Error);
        }

        var balances = read.Value;
        var at = _time.GetUtcNow();
        if (!balances.IsSuccess)
        {
            if (IsPacing(balances.Diagnosis))
            {
                return Deferred(connection, balances.Diagnosis);
            }

            return await RefusedAsync(connection, facts, balances.Diagnosis, cancellationToken).ConfigureAwait(false);
        }

        var previous = await new SnapshotRepository(_database).LatestOfAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        var snapshot = await _snapshotBuilder.BuildAsync(connection.Id, connection.Endpoint, balances.Value, previous, cancellationToken).ConfigureAwait(false);
        var updated = connection with { Facts = facts, LastSyncAt = at, LastSyncDiagnosis = null, LastSuccessAt = at };
        if (connection.LastSyncDiagnosis is { } before)
        {
            ConnectionLog.Recovered(_logger, connection.Id, connection.Exchange, before.Category);
        }

        var held = await _database.WriteAsync(
            async (db, transaction) =>
            {
                if (!await _leases.StillHeldAsync(db, transaction, connection.Id, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                if (await ConnectionRepository.UpdateAsync(db, transaction, updated, cancellationToken).ConfigureAwait(false))
                {
                    await SnapshotRepository.InsertAsync(db, transaction, snapshot, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (!held)
        {
            return RefreshingElsewhere(connection, _time.GetUtcNow() + _leases.Period);
        }

        _changes.Raise(connection.Id, ConnectionUpdateKind.Synced);
        return new RefreshOutcome(connection.Id, connection.Label, RefreshResult.Refreshed);
    }

    /// <summary>The sub-accounts Keyfolio knows of a connection, with the person's choices and the latest list's outcome;
    /// read from storage, so it works while the vault is locked.</summary>
    public async Task<CoreResult<SubAccountList>> GetSubAccountsAsync(string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var connection = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        return connection.Descriptor.SubAccounts is null
            ? SubAccountList.None
            : await new SubAccountRepository(_database).GetAsync(connection.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the exchange for the connection's sub-accounts now and records the list (new ones not included).</summary>
    public async Task<CoreResult<SubAccountList>> ListSubAccountsNowAsync(string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var connection = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        if (connection.Descriptor.SubAccounts is null)
        {
            return Errors.NoSubAccounts(connection);
        }

        if (!_vault.IsUnlocked)
        {
            return Errors.VaultLocked();
        }

        var opened = await _keys.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        using (var use = KeyUse.Begin(_vault.SessionToken, connection, opened.Value, decrypted: true, cancellationToken))
        {
            var listed = await use.RunAsync((account, token) => _connectors[connection.Exchange].GetSubAccountsAsync(account, token)).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return listed.Error;
            }

            await RecordSubAccountsAsync(connection, listed, cancellationToken).ConfigureAwait(false);
        }

        return await new SubAccountRepository(_database).GetAsync(connection.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Includes a listed sub-account in the connection's readings, or leaves it out, then refreshes the connection so its
    /// row and the totals show the choice at once (a refresh that fails leaves the choice stored, shown by the next one).
    /// </summary>
    public async Task<CoreResult<SubAccountList>> SetSubAccountIncludedAsync(string label, string subAccount, bool included, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(subAccount);
        var connection = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return Errors.ConnectionNotFound(label);
        }

        var repository = new SubAccountRepository(_database);
        if (connection.Descriptor.SubAccounts is null || !await repository.SetIncludedAsync(connection.Id, subAccount, included, cancellationToken).ConfigureAwait(false))
        {
            return Errors.SubAccountNotFound(connection, subAccount);
        }

        _changes.Raise(connection.Id, ConnectionUpdateKind.SubAccountsChanged);

        var refreshed = await RefreshAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        if (refreshed.Error is { Kind: not CoreErrorKind.VaultLocked } error)
        {
            return error;
        }

        return await repository.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the exchange's list of sub-accounts, or its refusal of the list to this key (a missing permission:
    /// a sub-account's own key). Any other failure — the key itself refused, the exchange unavailable, our own pacing, a
    /// call the vault or audit log stopped — says nothing about sub-accounts and leaves the stored list as it was.</summary>
    private async Task RecordSubAccountsAsync(Connection connection, CoreResult<ExchangeResult<IReadOnlyList<SubAccount>>> listed, CancellationToken cancellationToken)
    {
        if (!listed.IsSuccess || (!listed.Value.IsSuccess && listed.Value.Diagnosis.Category != DiagnosisCategory.MissingPermission))
        {
            return;
        }

        await new SubAccountRepository(_database).RecordListAsync(connection.Id, listed.Value, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the exchange's refusal as the connection's latest sync result; its holdings stay as they were.</summary>
    private async Task<RefreshOutcome> RefusedAsync(Connection connection, KeyFacts? facts, Diagnosis diagnosis, CancellationToken cancellationToken)
    {
        await _egress.LearnAsync(diagnosis, cancellationToken).ConfigureAwait(false);
        var egress = (await _egress.GetAsync(cancellationToken).ConfigureAwait(false))?.Address;
        var refusal = DiagnosisRefinement.Refine(diagnosis, facts, egress);
        var at = _time.GetUtcNow();
        var held = await _database.WriteAsync(
            async (db, transaction) =>
                await _leases.StillHeldAsync(db, transaction, connection.Id, cancellationToken).ConfigureAwait(false)
                && await ConnectionRepository.UpdateAsync(db, transaction, connection with { Facts = facts, LastSyncAt = at, LastSyncDiagnosis = refusal }, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (!held)
        {
            return RefreshingElsewhere(connection, _time.GetUtcNow() + _leases.Period);
        }

        if (connection.LastSyncDiagnosis is not { } before || before.Category != refusal.Category || before.ExchangeCode != refusal.ExchangeCode)
        {
            ConnectionLog.RefusedBySync(_logger, connection.Id, connection.Exchange, refusal.Category, ConnectionLog.CodeOf(refusal), refusal.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        }

        _changes.Raise(connection.Id, ConnectionUpdateKind.Synced);
        return new RefreshOutcome(connection.Id, connection.Label, RefreshResult.Failed) { Diagnosis = refusal, RetryAt = refusal.RetryAt };
    }

    /// <summary>A call not made: skipped when the vault locked, failed when the audit log refused it.</summary>
    private static RefreshOutcome NotRun(Connection connection, CoreError error) =>
        new(connection.Id, connection.Label, error.Kind == CoreErrorKind.VaultLocked ? RefreshResult.Skipped : RefreshResult.Failed) { Error = error };

    /// <summary>Our own pacing refused the call before it was sent (no HTTP status): not the exchange's refusal.</summary>
    private static bool IsPacing(Diagnosis diagnosis) => diagnosis is { Category: DiagnosisCategory.RateLimited, HttpStatus: null, RetryAt: not null };

    private static RefreshOutcome Deferred(Connection connection, Diagnosis diagnosis) =>
        new(connection.Id, connection.Label, RefreshResult.Deferred) { RetryAt = diagnosis.RetryAt, Diagnosis = diagnosis };

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var last = new DateTimeOffset(Interlocked.Read(ref _lastPruneTicks), TimeSpan.Zero);
        if (now - last < TimeSpan.FromHours(1) || Interlocked.CompareExchange(ref _lastPruneTicks, now.UtcTicks, last.UtcTicks) != last.UtcTicks)
        {
            return;
        }

        await new SnapshotRepository(_database).PruneAsync(now, _options.KeepEverySnapshotFor, cancellationToken).ConfigureAwait(false);
    }
}
