using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Exchanges;
using Npgsql;

namespace Keyfolio.Core.Storage;

/// <summary>
/// The nonces of nonce-signing exchanges kept in the PostgreSQL database, so that every <c>keyfolio serve</c> node and
/// every command sharing the database draws from one sequence per API key (table <c>exchange_nonces</c>).
/// <para>
/// A draw takes a session-level advisory lock of the key on a pooled connection, then raises the key's row to
/// max(last + 1, now in microseconds) in one statement that commits on its own, and holds the lock until the request
/// that uses the nonce has its answer: the next draw for the key, on any node, waits for it, so a key's requests also
/// reach the exchange in nonce order. Because the nonce is committed before it is handed out, a node that dies while
/// its request is in flight has already recorded it, and the next draw is above it whatever the clocks say; its lock
/// goes with its connection (at once when its process dies, after <see cref="HeldAtMost"/> of silence on PostgreSQL
/// 14 and later when its machine is lost, by the session's <c>idle_session_timeout</c>). A hold whose lock cannot be
/// given back cleanly closes its connection instead of returning it to the pool with the lock still on it.
/// </para>
/// <para>
/// Rows are named by a keyed fingerprint, never the API key: the first 24 hex digits of HMAC-SHA256 of the key under a
/// random 32-byte naming key made on first use and kept in the database itself (<c>exchange_nonce_key</c>), the one
/// place every node reads. The fingerprints the audit log and the connections use are not reused: their key is
/// <c>audit.key</c> in each node's own data directory, and the connectors ask for a nonce knowing only the API key.
/// Kept in the database, the naming key does not hide from a reader of the database whether a key he already holds
/// is in it; it keeps the table from holding the key itself or a plain hash of it that could be matched against keys
/// seen elsewhere (another database has another naming key), which is all a nonce needs.
/// </para>
/// <para>
/// A key without a row yet starts above what <paramref name="earlier"/> (the data directory's nonce files, which the
/// connectors used before the store was on PostgreSQL, or before this version) would hand out next, so a store moved
/// by <c>keyfolio migrate-store</c>, or a server upgraded in place, never goes back below the nonces its files recorded;
/// nothing needs to be copied, and a node without such files starts at the current time, above them too unless the
/// clock was set back.
/// </para>
/// </summary>
internal sealed class DatabaseNonceStore(KeyfolioDatabase database, INonceStore earlier, TimeProvider time) : INonceStore
{
    /// <summary>
    /// The longest a lost node's hold outlives it; a request is answered or timed out long before (the connectors'
    /// timeout is seconds).
    /// </summary>
    public static readonly TimeSpan HeldAtMost = TimeSpan.FromMinutes(2);

    /// <summary>The first half of the keys' two-part advisory locks ("Knon" in ASCII); the other is taken from the fingerprint.</summary>
    internal const int LockClass = 0x4B6E6F6E;

    private const int NameKeySize = 32;

    private const string Raise =
        "UPDATE exchange_nonces SET last_nonce = CASE WHEN last_nonce + 1 > @now THEN last_nonce + 1 ELSE @now END " +
        "WHERE exchange = @exchange AND key_fingerprint = @fingerprint RETURNING last_nonce";

    private const string Start =
        "INSERT INTO exchange_nonces (exchange, key_fingerprint, last_nonce) VALUES (@exchange, @fingerprint, @now) " +
        "ON CONFLICT (exchange, key_fingerprint) DO UPDATE SET last_nonce = CASE WHEN exchange_nonces.last_nonce + 1 > excluded.last_nonce " +
        "THEN exchange_nonces.last_nonce + 1 ELSE excluded.last_nonce END RETURNING last_nonce";

    /// <summary>
    /// At most this many sessions of the pool are held by requests in flight at once: the rest wait in the process,
    /// holding none, so the requests holding one always find a session for their audit entries and the sync's writes.
    /// </summary>
    private const int MostSessionsHeld = 16;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sessions = new(MostSessionsHeld, MostSessionsHeld);
    private readonly SemaphoreSlim _nameKeyLock = new(1, 1);
    private byte[]? _nameKey;

    /// <inheritdoc />
    public async ValueTask<NonceHold> NextAsync(ExchangeId exchange, string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        var mac = HMACSHA256.HashData(await NameKeyAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8.GetBytes(apiKey));
        var fingerprint = Convert.ToHexStringLower(mac.AsSpan(0, 12));
        var lockKey = BinaryPrimitives.ReadInt32BigEndian(mac);

        // One connection per key and process waits for the key's lock; the process's other requests with it wait here.
        var gate = _gates.GetOrAdd(exchange.ToName() + "-" + fingerprint, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _sessions.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            gate.Release();
            throw;
        }

        NpgsqlConnection? connection = null;
        var mayHoldLock = false;
        var bounded = false;
        try
        {
            connection = (NpgsqlConnection)await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            bounded = connection.PostgreSqlVersion.Major >= 14;
            await using (var take = bounded
                ? DbValues.Command(
                    connection,
                    null,
                    "SELECT pg_advisory_lock(@class, @key); SELECT set_config('idle_session_timeout', @bound, false)",
                    ("@class", LockClass),
                    ("@key", lockKey),
                    ("@bound", ((long)HeldAtMost.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)))
                : DbValues.Command(connection, null, "SELECT pg_advisory_lock(@class, @key)", ("@class", LockClass), ("@key", lockKey)))
            {
                mayHoldLock = true;
                await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var nonce = await RaiseAsync(connection, exchange, apiKey, fingerprint, cancellationToken).ConfigureAwait(false);
            return new NonceHold(nonce, new Hold(connection, lockKey, bounded, gate, _sessions));
        }
        catch
        {
            // Cancelled while waiting, the lock may still have been granted just before: it is given back all the same.
            if (connection is not null)
            {
                await (mayHoldLock ? ReleaseAsync(connection, lockKey, bounded) : connection.DisposeAsync()).ConfigureAwait(false);
            }

            _sessions.Release();
            gate.Release();
            throw;
        }
    }

    /// <summary>The key's row raised and committed; a key the table does not know yet starts above the earlier store.</summary>
    private async Task<long> RaiseAsync(DbConnection connection, ExchangeId exchange, string apiKey, string fingerprint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        var name = exchange.ToName();
        await using (var raise = DbValues.Command(connection, null, Raise, ("@now", now), ("@exchange", name), ("@fingerprint", fingerprint)))
        {
            if (await raise.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long raised)
            {
                return raised;
            }
        }

        long floor;
        await using (var before = await earlier.NextAsync(exchange, apiKey, cancellationToken).ConfigureAwait(false))
        {
            floor = Math.Max(before.Nonce, now);
        }

        await using var start = DbValues.Command(connection, null, Start, ("@now", floor), ("@exchange", name), ("@fingerprint", fingerprint));
        return Convert.ToInt64(await start.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>The naming key, made once for the whole database (the first node to insert it wins) and read back by every node.</summary>
    private async Task<byte[]> NameKeyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _nameKey) is { } known)
        {
            return known;
        }

        await _nameKeyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_nameKey is not null)
            {
                return _nameKey;
            }

            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var make = DbValues.Command(
                connection,
                null,
                "INSERT INTO exchange_nonce_key (id, name_key) VALUES (1, @key) ON CONFLICT (id) DO NOTHING",
                ("@key", RandomNumberGenerator.GetBytes(NameKeySize))))
            {
                await make.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var read = DbValues.Command(connection, null, "SELECT name_key FROM exchange_nonce_key WHERE id = 1");
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var key = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? DbValues.Bytes(reader, 0) : [];
            if (key.Length != NameKeySize)
            {
                throw new StorageException($"The database is damaged: its exchange nonce naming key has {key.Length} bytes where {NameKeySize} belong.");
            }

            Volatile.Write(ref _nameKey, key);
            return key;
        }
        finally
        {
            _nameKeyLock.Release();
        }
    }

    /// <summary>
    /// Gives the key's lock back and the connection to the pool; when that fails, closes the connection for good
    /// instead (the server then ends the session, and the lock with it), since a session that may hold a key's lock
    /// must not go back to the pool. Never throws: the request has its answer already.
    /// </summary>
    private static async ValueTask ReleaseAsync(NpgsqlConnection connection, int lockKey, bool bounded)
    {
        try
        {
            await using (var release = DbValues.Command(
                connection,
                null,
                bounded ? "SELECT pg_advisory_unlock(@class, @key); RESET idle_session_timeout" : "SELECT pg_advisory_unlock(@class, @key)",
                ("@class", LockClass),
                ("@key", lockKey)))
            {
                await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException or IOException)
        {
            NpgsqlConnection.ClearPool(connection);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Hold(NpgsqlConnection connection, int lockKey, bool bounded, SemaphoreSlim gate, SemaphoreSlim sessions) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ReleaseAsync(connection, lockKey, bounded).ConfigureAwait(false);
            }
            finally
            {
                sessions.Release();
                gate.Release();
            }
        }
    }
}
