using Keyfolio.Core.Access;
using Keyfolio.Core.Health;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Status;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Telemetry;

namespace Keyfolio.Core.Connections;

/// <summary>
/// The connections as people see them: each with its status, findings and latest holdings, listed or found one by one
/// (by id, as pages and API routes name them, or by label, as the command line does) reading only that connection.
/// Changes are made by the commands beside it, one use case each.
/// </summary>
public sealed class ConnectionService
{
    private readonly KeyfolioDatabase _database;
    private readonly ConnectionRepository _connections;
    private readonly SnapshotRepository _snapshots;
    private readonly VaultAccess _vault;
    private readonly EgressAddressService _egress;
    private readonly KeyfolioCoreOptions _options;
    private readonly TimeProvider _time;

    internal ConnectionService(KeyfolioDatabase database, VaultAccess vault, EgressAddressService egress, KeyfolioCoreOptions options, TimeProvider time)
    {
        _database = database;
        _connections = new ConnectionRepository(database);
        _snapshots = new SnapshotRepository(database);
        _vault = vault;
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

    /// <summary>The active connection with this label (compared as labels are), or null.</summary>
    public async Task<ConnectionView?> GetAsync(string label, bool vaultLockApplies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var row = await _connections.FindByLabelAsync(label, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await ViewAsync(row, vaultLockApplies, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The active connection with this label, or the error naming it, for the command line; the status is that
    /// of the last verification and sync.</summary>
    public async Task<CoreResult<ConnectionView>> FindByLabelAsync(string label, CancellationToken cancellationToken) =>
        await GetAsync(label, vaultLockApplies: false, cancellationToken).ConfigureAwait(false) is { } view ? view : Errors.ConnectionNotFound(label);

    /// <summary>The active connection with this id, showing "vault locked" while the vault is locked, or the error
    /// saying no connection has the id.</summary>
    public async Task<CoreResult<ConnectionView>> FindAsync(string id, CancellationToken cancellationToken) =>
        await ViewOfAsync(id, vaultLockApplies: true, cancellationToken).ConfigureAwait(false) is { } view ? view : Errors.ConnectionIdNotFound();

    /// <summary>The label of each connection id, removed connections included, for naming the entries of the audit log.</summary>
    public Task<IReadOnlyDictionary<string, string>> LabelsAsync(CancellationToken cancellationToken) => _connections.LabelsAsync(cancellationToken);

    /// <summary>The connection as a command left it, from the whole list, so the gauges show the change too.</summary>
    internal async Task<ConnectionView?> AfterChangeAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(vaultLockApplies: false, cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => string.Equals(v.Connection.Id, id, StringComparison.Ordinal));

    private async Task<ConnectionView?> ViewOfAsync(string id, bool vaultLockApplies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var row = await _connections.FindByIdAsync(id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await ViewAsync(row, vaultLockApplies, cancellationToken).ConfigureAwait(false);
    }

    internal Task<IReadOnlyList<Connection>> ListRecordsAsync(CancellationToken cancellationToken) => _connections.ListAsync(cancellationToken);

    /// <summary>The sub-accounts known for a connection and the person's choices, for an export file.</summary>
    internal Task<SubAccountList> SubAccountsOfAsync(string connectionId, CancellationToken cancellationToken) =>
        new SubAccountRepository(_database).GetAsync(connectionId, cancellationToken);

    private async Task<ConnectionView> ViewAsync(Connection row, bool vaultLockApplies, CancellationToken cancellationToken)
    {
        var sameKey = await _connections.ListByKeyAsync(row.KeyFingerprint, cancellationToken).ConfigureAwait(false);
        var latest = await _snapshots.LatestOfAsync(row.Id, cancellationToken).ConfigureAwait(false);
        var egress = (await _egress.GetAsync(cancellationToken).ConfigureAwait(false))?.Address;
        return View(row, sameKey, latest, egress, _time.GetUtcNow(), vaultLockApplies && !_vault.IsUnlocked);
    }

    private ConnectionView View(Connection connection, IEnumerable<Connection> sameKey, Snapshot? latest, string? egress, DateTimeOffset now, bool vaultLocked)
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
}
