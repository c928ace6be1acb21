using System.Text;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Keyfolio.Testing;
using Keyfolio.Testing.Postgres;
using Npgsql;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>
/// The nonces of several servers sharing one PostgreSQL database: each node here is a database object with a pool of
/// its own (its own application name), as a process on another machine would have, drawing from a real server.
/// </summary>
public sealed class DatabaseNonceStoreTests : IAsyncLifetime
{
    private const string ApiKey = "De8oy+hNE8HpglimbSG83LV1PPXWrTylzUwQn019gZFbvg3p";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-nonce-pg-").FullName;
    private TestDatabase? _server;

    public async Task InitializeAsync()
    {
        _server = await TestPostgres.CreateDatabaseAsync();
        await Node("migrate").Database.MigrateAsync(None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Two_nodes_drawing_hundreds_of_nonces_for_one_key_at_once_get_each_once_in_the_order_they_held_the_key()
    {
        // The clock stands still, so every nonce after the first is the last one + 1: none may be lost or read twice.
        var time = new ManualTimeProvider(Start);
        var nodes = new[] { Node("node-a", time), Node("node-b", time) };
        var inHoldOrder = new List<long>();
        var holders = 0;

        async Task DrawAsync(Node node)
        {
            for (var i = 0; i < 50; i++)
            {
                await using var hold = await node.Store.NextAsync(ExchangeId.Kraken, ApiKey, None);
                Assert.Equal(1, Interlocked.Increment(ref holders));
                lock (inHoldOrder)
                {
                    inHoldOrder.Add(hold.Nonce);
                }

                await Task.Yield();
                Interlocked.Decrement(ref holders);
            }
        }

        // Four requests at a time on each node: 400 draws in all.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => DrawAsync(nodes[i % 2]))));

        var first = Start.ToUnixTimeMilliseconds() * 1000;
        Assert.Equal(Enumerable.Range(0, 400).Select(i => first + i), inHoldOrder);
        Assert.Equal(first + 399, await StoredAsync());
    }

    [Fact]
    public async Task With_a_running_clock_nonces_stay_distinct_and_rising_across_nodes()
    {
        var nodes = new[] { Node("node-a"), Node("node-b"), Node("node-c") };
        var inHoldOrder = new List<long>();

        async Task DrawAsync(Node node)
        {
            for (var i = 0; i < 40; i++)
            {
                await using var hold = await node.Store.NextAsync(ExchangeId.Bitfinex, ApiKey, None);
                lock (inHoldOrder)
                {
                    inHoldOrder.Add(hold.Nonce);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => DrawAsync(nodes[i % 3]))));

        Assert.Equal(240, inHoldOrder.Distinct().Count());
        Assert.Equal(inHoldOrder.Order(), inHoldOrder);
    }

    [Fact]
    public async Task A_hold_on_one_node_makes_the_other_wait_until_the_answer_has_arrived()
    {
        var (_, a, b, held) = await TwoNodesOneHoldingAsync();

        var waiting = b.Store.NextAsync(ExchangeId.Kraken, ApiKey, None).AsTask();
        await WaitForLockWaitAsync("node-b");
        Assert.False(waiting.IsCompleted);

        // Another key is not held up by it.
        await using (var other = await b.Store.NextAsync(ExchangeId.Kraken, "another-api-key", None))
        {
            Assert.Equal(Start.ToUnixTimeMilliseconds() * 1000, other.Nonce);
        }

        await held.DisposeAsync();
        await using var next = await waiting;
        Assert.Equal(held.Nonce + 1, next.Nonce);
    }

    [Fact]
    public async Task A_node_whose_connection_dies_mid_request_has_recorded_its_nonce_and_frees_the_key()
    {
        // The clock is set back between the draws: only the recorded nonce keeps the next one above it.
        var (time, a, b, inFlight) = await TwoNodesOneHoldingAsync();

        // The process dies with its request in flight: the server ends its session, as when the socket closes.
        await TerminateHolderAsync();
        time.Advance(TimeSpan.FromMinutes(-10));
        await using (var next = await b.Store.NextAsync(ExchangeId.Kraken, ApiKey, None))
        {
            Assert.Equal(inFlight.Nonce + 1, next.Nonce);
        }

        // The dead hold is given up without an error, and its node draws again on a fresh connection.
        await inFlight.DisposeAsync();
        await using var again = await a.Store.NextAsync(ExchangeId.Kraken, ApiKey, None);
        Assert.Equal(inFlight.Nonce + 2, again.Nonce);
    }

    [Fact]
    public async Task A_nonce_is_committed_before_it_is_handed_out_so_it_is_recorded_while_its_request_is_in_flight()
    {
        var a = Node("node-a", new ManualTimeProvider(Start));
        await using var inFlight = await a.Store.NextAsync(ExchangeId.Bitfinex, ApiKey, None);

        // Read by another session while the hold is still on: whatever becomes of the node now, the nonce counts as used.
        Assert.Equal(inFlight.Nonce, await StoredAsync());
    }

    [Fact]
    public async Task A_wait_cancelled_on_one_node_leaves_no_lock_behind()
    {
        var (_, a, b, held) = await TwoNodesOneHoldingAsync();
        using var cancel = new CancellationTokenSource();
        var waiting = b.Store.NextAsync(ExchangeId.Kraken, ApiKey, cancel.Token).AsTask();
        await WaitForLockWaitAsync("node-b");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await held.DisposeAsync();

        // Neither node holds the key now: both draw at once, the nonce the cancelled wait never got not skipped.
        await using (var fromB = await b.Store.NextAsync(ExchangeId.Kraken, ApiKey, None))
        {
            Assert.Equal(held.Nonce + 1, fromB.Nonce);
        }

        await using var fromA = await a.Store.NextAsync(ExchangeId.Kraken, ApiKey, None);
        Assert.Equal(held.Nonce + 2, fromA.Nonce);
    }

    [Fact]
    public async Task A_key_new_to_the_table_starts_above_the_nonce_file_the_node_used_before()
    {
        // The files went ahead of the clock (a clock since set back): the database's first nonce is still above them.
        var ahead = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
        await using (var before = await new FileNonceStore(StateOf("node-a"), new ManualTimeProvider(ahead)).NextAsync(ExchangeId.Kraken, ApiKey, None))
        {
            Assert.Equal(ahead.ToUnixTimeMilliseconds() * 1000, before.Nonce);
        }

        var a = Node("node-a", new ManualTimeProvider(Start));
        await using (var first = await a.Store.NextAsync(ExchangeId.Kraken, ApiKey, None))
        {
            Assert.Equal((ahead.ToUnixTimeMilliseconds() * 1000) + 1, first.Nonce);
        }

        // From then on the table alone decides, on every node.
        await using var second = await Node("node-b", new ManualTimeProvider(Start)).Store.NextAsync(ExchangeId.Kraken, ApiKey, None);
        Assert.Equal((ahead.ToUnixTimeMilliseconds() * 1000) + 2, second.Nonce);
    }

    [Fact]
    public async Task The_table_names_keys_by_a_fingerprint_under_one_naming_key_of_the_database_never_by_the_key()
    {
        var a = Node("node-a");
        await (await a.Store.NextAsync(ExchangeId.Kraken, ApiKey, None)).DisposeAsync();
        await (await Node("node-b").Store.NextAsync(ExchangeId.Kraken, ApiKey, None)).DisposeAsync();
        await (await a.Store.NextAsync(ExchangeId.Bitfinex, ApiKey, None)).DisposeAsync();

        await using var connection = new NpgsqlConnection(_server!.ConnectionString);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT exchange, key_fingerprint FROM exchange_nonces ORDER BY exchange", connection);
        await using var reader = await rows.ExecuteReaderAsync();
        var found = new List<(string Exchange, string Fingerprint)>();
        while (await reader.ReadAsync())
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }

        // Both nodes found the one row of the key; each exchange has its own row, under the same fingerprint.
        Assert.Equal(["bitfinex", "kraken"], found.Select(f => f.Exchange));
        Assert.Single(found.Select(f => f.Fingerprint).Distinct());
        Assert.Matches("^[0-9a-f]{24}$", found[0].Fingerprint);
        var values = await PostgresRows.ReadEveryValueAsync(_server.ConnectionString);
        Assert.DoesNotContain(values, value => value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ApiKey)) >= 0);
    }

    /// <summary>Two nodes on one clock standing still, the first holding the key's nonce.</summary>
    private async Task<(ManualTimeProvider Time, Node A, Node B, NonceHold Held)> TwoNodesOneHoldingAsync()
    {
        var time = new ManualTimeProvider(Start);
        var a = Node("node-a", time);
        return (time, a, Node("node-b", time), await a.Store.NextAsync(ExchangeId.Kraken, ApiKey, None));
    }

    private string StateOf(string node) => Path.Combine(_directory, node, "exchanges");

    /// <summary>A node: a database object with a pool of its own, and its own data directory's nonce files.</summary>
    private Node Node(string name, TimeProvider? time = null)
    {
        var database = new KeyfolioDatabase(Path.Combine(_directory, name), time, StoreLocation.PostgreSql(_server!.ConnectionString + ";Application Name=" + name));
        var clock = time ?? TimeProvider.System;
        return new Node(database, new DatabaseNonceStore(database, new FileNonceStore(StateOf(name), clock), clock));
    }

    private async Task<long> StoredAsync()
    {
        await using var connection = new NpgsqlConnection(_server!.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT last_nonce FROM exchange_nonces", connection);
        return (long)(await read.ExecuteScalarAsync())!;
    }

    /// <summary>Until a session of <paramref name="applicationName"/> waits for an advisory lock, as the server reports it.</summary>
    private async Task WaitForLockWaitAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(_server!.ConnectionString);
        await connection.OpenAsync();
        await using var waits = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
            connection);
        waits.Parameters.AddWithValue("name", applicationName);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((long)(await waits.ExecuteScalarAsync(deadline.Token))! == 0)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    /// <summary>Ends the session that holds a key's nonce lock, as the server does when its client's socket closes.</summary>
    private async Task TerminateHolderAsync()
    {
        await using var connection = new NpgsqlConnection(_server!.ConnectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid, 30000) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = @class AND objsubid = 2 " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        kill.Parameters.AddWithValue("class", (long)DatabaseNonceStore.LockClass);
        Assert.True(await kill.ExecuteScalarAsync() is true);
    }
}

internal sealed record Node(KeyfolioDatabase Database, DatabaseNonceStore Store);
