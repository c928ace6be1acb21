using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Core.Tests.Connections;

public sealed class ConnectionChangeFeedTests
{
    private const string ExportPassword = "export-granite-meadow-17";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Each_command_announces_one_change_once_it_is_committed()
    {
        await using var harness = await CoreHarness.StartAsync();
        using var feed = new Recorder(harness);

        var id = (await harness.AddAsync("Gate main")).Connection.Id;
        Assert.Equal([(id, ConnectionUpdateKind.Added, true)], feed.Take());

        Assert.True((await harness.Get<CheckConnectionCommand>().CheckAsync(id, None)).IsSuccess);
        Assert.Equal([(id, ConnectionUpdateKind.Checked, true)], feed.Take());

        Assert.True((await harness.Get<SetSyncIntervalCommand>().SetAsync(id, TimeSpan.FromMinutes(15), None)).IsSuccess);
        Assert.Equal([(id, ConnectionUpdateKind.SyncIntervalSet, true)], feed.Take());

        using (var same = harness.CredentialsOf("Gate main"))
        {
            Assert.True((await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(id, same), None)).IsSuccess);
        }

        Assert.Equal([(id, ConnectionUpdateKind.KeyReplaced, true)], feed.Take());

        var secret = harness.Account("Gate main").Secret;
        Assert.True((await harness.Get<CorrectCredentialCommand>().CorrectAsync(id, CredentialFieldKind.Secret, secret.AsMemory(), None)).IsSuccess);
        Assert.Equal([(id, ConnectionUpdateKind.KeyReplaced, true)], feed.Take());

        Assert.True((await harness.Get<RemoveConnectionCommand>().RemoveAsync(id, deleteHistory: false, None)).IsSuccess);
        Assert.Equal([(id, ConnectionUpdateKind.Removed, false)], feed.Take());
    }

    [Fact]
    public async Task A_refused_command_announces_nothing()
    {
        await using var harness = await CoreHarness.StartAsync();
        var id = (await harness.AddAsync("Gate main")).Connection.Id;
        using var feed = new Recorder(harness);
        using var malformed = new KeyCredentials(harness.Account("Gate main").ApiKey, "short", null);

        Assert.False((await harness.TryAddAsync("Gate main")).IsSuccess);
        Assert.False((await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(id, malformed), None)).IsSuccess);
        Assert.False((await harness.Get<CheckConnectionCommand>().CheckAsync("no-such-id", None)).IsSuccess);
        Assert.False((await harness.Get<SetSyncIntervalCommand>().SetAsync(id, TimeSpan.FromSeconds(5), None)).IsSuccess);
        Assert.False((await harness.Get<CorrectCredentialCommand>().CorrectAsync(id, CredentialFieldKind.ApiKey, "another".AsMemory(), None)).IsSuccess);
        Assert.False((await harness.Get<RemoveConnectionCommand>().RemoveAsync("no-such-id", deleteHistory: false, None)).IsSuccess);
        await harness.Vault.LockAsync();
        Assert.False((await harness.Get<RemoveConnectionCommand>().RemoveAsync(id, deleteHistory: true, None)).IsSuccess);
        Assert.False((await harness.Get<CheckConnectionCommand>().CheckAsync(id, None)).IsSuccess);

        Assert.Empty(feed.Take());
    }

    [Fact]
    public async Task An_import_announces_each_connection_it_stores_and_none_it_skips()
    {
        await using var source = await CoreHarness.StartAsync();
        await source.AddAsync("Gate main");
        var file = (await source.Transfer.ExportAsync(CoreHarness.Password, ExportPassword, None)).Value!;
        await using var harness = await CoreHarness.StartAsync();
        using var feed = new Recorder(harness);

        var first = await harness.Transfer.ImportAsync(file, ExportPassword, None);
        var stored = feed.Take();
        var again = await harness.Transfer.ImportAsync(file, ExportPassword, None);

        Assert.Equal(["Gate main"], first.Value!.Added);
        Assert.Equal([ConnectionUpdateKind.Imported], stored.Select(c => c.Kind));
        Assert.True(stored.Single().Committed);
        Assert.Equal(["Gate main"], again.Value!.SkippedAsDuplicates);
        Assert.Empty(feed.Take());
    }

    [Fact]
    public async Task A_refresh_announces_the_result_it_wrote()
    {
        await using var harness = await CoreHarness.StartAsync();
        var id = (await harness.AddAsync("Gate main")).Connection.Id;
        using var feed = new Recorder(harness);

        var outcome = await harness.Sync.RefreshAsync(id, None);

        Assert.Equal(RefreshResult.Refreshed, outcome.Result);
        Assert.Equal([(id, ConnectionUpdateKind.Synced, true)], feed.Take());
    }

    /// <summary>Records each announced change with whether the connection's row was active in the database file at
    /// that moment, read on a connection of its own, so an announcement made before the commit would show.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly ConnectionChangeFeed _feed;
        private readonly string _path;
        private readonly List<(string? Id, ConnectionUpdateKind Kind, bool Committed)> _seen = [];

        public Recorder(CoreHarness harness)
        {
            _feed = harness.Get<ConnectionChangeFeed>();
            _path = harness.Database.FilePath;
            _feed.Changed += OnChanged;
        }

        public List<(string? Id, ConnectionUpdateKind Kind, bool Committed)> Take()
        {
            lock (_seen)
            {
                var taken = _seen.ToList();
                _seen.Clear();
                return taken;
            }
        }

        public void Dispose() => _feed.Changed -= OnChanged;

        private void OnChanged(object? sender, ConnectionUpdate update)
        {
            var active = update.ConnectionId is { } id && IsActive(id);
            lock (_seen)
            {
                _seen.Add((update.ConnectionId, update.Kind, active));
            }
        }

        private bool IsActive(string id)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM connections WHERE id = @id AND removed_at IS NULL";
            command.Parameters.AddWithValue("@id", id);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
    }
}
