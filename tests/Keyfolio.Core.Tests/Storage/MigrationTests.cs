using System.Globalization;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Storage.Migrations;
using Keyfolio.Exchanges;
using Microsoft.Data.Sqlite;
using static Keyfolio.Core.Tests.Support.RawSql;

namespace Keyfolio.Core.Tests.Storage;

public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-migrations-").FullName;

    [Fact]
    public async Task An_empty_database_is_brought_to_the_latest_version_once()
    {
        var database = new KeyfolioDatabase(_directory);

        var applied = await database.MigrateAsync(CancellationToken.None);
        var again = await database.MigrateAsync(CancellationToken.None);

        Assert.Equal(MigrationCatalog.LatestVersion, applied);
        Assert.Equal(0, again);
        Assert.Equal(MigrationCatalog.LatestVersion, await database.SchemaVersionAsync(CancellationToken.None));
        Assert.Equal("ok", await database.CheckIntegrityAsync(CancellationToken.None));
        Assert.Equal("wal", await ScalarAsync(database, "PRAGMA journal_mode"));
    }

    public static TheoryData<int> EarlierVersions()
    {
        var versions = new TheoryData<int>();
        for (var version = 1; version < MigrationCatalog.LatestVersion; version++)
        {
            versions.Add(version);
        }

        return versions;
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task Every_earlier_version_migrates_to_the_latest_schema_keeping_its_data(int version)
    {
        var old = new KeyfolioDatabase(Path.Combine(_directory, "old"));
        await old.MigrateAsync(CancellationToken.None, version);
        await ExecuteAsync(old, "INSERT INTO vault_header (id, header, revision) VALUES (1, X'0102', 7); INSERT INTO credentials (id, exchange, envelope) VALUES ('c-1', 'gate', X'AA');");
        var fresh = new KeyfolioDatabase(Path.Combine(_directory, "fresh"));
        await fresh.MigrateAsync(CancellationToken.None);

        await old.MigrateAsync(CancellationToken.None);

        Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(old));
        Assert.Equal("7", await ScalarAsync(old, "SELECT revision FROM vault_header"));
        Assert.Equal("gate", await ScalarAsync(old, "SELECT exchange FROM credentials WHERE id = 'c-1'"));
    }

    [Fact]
    public async Task Snapshots_the_previous_version_wrote_read_with_each_wallet_outcome_and_an_incomplete_one_says_so()
    {
        // The previous version kept each wallet as {wallet, failure}: no outcome, diagnosis, right or stale marker.
        var database = new KeyfolioDatabase(_directory);
        await database.MigrateAsync(CancellationToken.None);
        await ExecuteAsync(database, """
            INSERT INTO connections (id, label, label_key, exchange, environment, api_key_last4, key_fingerprint, withdrawal_allowed, created_at)
            VALUES ('conn-1', 'Old', 'old', 'hitbtc', 'live', 'abcd', '0011223344556677', 0, 0),
                   ('conn-2', 'Old complete', 'old complete', 'binance', 'live', 'efgh', '8899aabbccddeeff', 0, 0);
            INSERT INTO snapshots (id, connection_id, taken_at, complete, wallets, holding_count, total_usd, unpriced_count)
            VALUES (1, 'conn-1', 1000000, 0, '[{"wallet":"Spot"},{"wallet":"Funding","failure":"MissingPermission"},{"wallet":"Margin","failure":"ExchangeUnavailable"}]', 1, '65000', 0),
                   (2, 'conn-2', 1000000, 1, '[{"wallet":"Spot"},{"wallet":"Funding"}]', 0, '0', 0);
            INSERT INTO snapshot_holdings (snapshot_id, wallet, asset, exchange_asset, free_amount, locked_amount, total_amount, usd_price)
            VALUES (1, 'Spot', 'BTC', 'BTC', '1', '0', '1', '65000');
            """);

        var latest = await new Keyfolio.Core.Portfolio.SnapshotRepository(database).LatestAsync(CancellationToken.None);

        var old = latest["conn-1"];
        Assert.Equal(
            [(WalletKind.Spot, WalletOutcome.Read), (WalletKind.Funding, WalletOutcome.NotPermitted), (WalletKind.Margin, WalletOutcome.Failed)],
            old.Wallets.Select(w => (w.Wallet, w.Outcome)));
        Assert.False(old.IsComplete);
        Assert.Equal((1, 3), (old.WalletsRead, old.WalletsExpected));
        Assert.All(old.Wallets, w => Assert.Null(w.ValuesFrom));
        Assert.Equal(0m, old.StaleUsd);
        Assert.Equal(65000m, old.TotalUsd);
        Assert.True(latest["conn-2"].IsComplete);
        var connection = new Keyfolio.Core.Connections.Connection
        {
            Id = "conn-1",
            Label = "Old",
            Exchange = ExchangeId.HitBtc,
            ApiKeyLastFour = "abcd",
            KeyFingerprint = "0011223344556677",
            CreatedAt = DateTimeOffset.UnixEpoch,
            LastSyncAt = DateTimeOffset.UnixEpoch,
        };
        var explained = Keyfolio.Core.Status.StatusRules.Evaluate(new Keyfolio.Core.Status.StatusInput(connection, DateTimeOffset.UnixEpoch) { Latest = old });
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Incomplete, explained.Code);
        Assert.Contains("1 of 3 wallets read", explained.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_stored_by_version_2_get_normalised_keys_and_two_that_now_look_alike_both_stay_reachable()
    {
        var database = new KeyfolioDatabase(_directory);
        await database.MigrateAsync(CancellationToken.None, 2);
        await ExecuteAsync(database, """
            INSERT INTO connections (id, label, label_key, exchange, environment, api_key_last4, key_fingerprint, withdrawal_allowed, created_at, removed_at)
            VALUES ('conn-1', 'Main', 'MAIN', 'gate', 'live', 'abcd', '0011223344556677', 0, 1, NULL),
                   ('conn-2', 'Маin', 'МАIN', 'okx', 'live', 'efgh', '8899aabbccddeeff', 0, 2, NULL),
                   ('conn-3', 'Ｓａｖｉｎｇｓ', 'ＳＡＶＩＮＧＳ', 'htx', 'live', 'ijkl', '0123456789abcdef', 0, 3, NULL),
                   ('conn-4', 'main', 'MAIN', 'hitbtc', 'live', 'mnop', 'fedcba9876543210', 0, 0, 5);
            """);

        await database.MigrateAsync(CancellationToken.None);

        var connections = new Keyfolio.Core.Connections.ConnectionRepository(database);
        Assert.Equal("conn-1", (await connections.FindByLabelAsync("main", CancellationToken.None))?.Id);
        Assert.Equal("conn-3", (await connections.FindByLabelAsync("savings", CancellationToken.None))?.Id);
        Assert.Equal("SAVINGS", await ScalarAsync(database, "SELECT label_key FROM connections WHERE id = 'conn-3'"));
        Assert.Equal("MAIN", await ScalarAsync(database, "SELECT label_key FROM connections WHERE id = 'conn-4'"));
        Assert.NotEqual(
            await ScalarAsync(database, "SELECT label_key FROM connections WHERE id = 'conn-1'"),
            await ScalarAsync(database, "SELECT label_key FROM connections WHERE id = 'conn-2'"));
        Assert.Equal("Маin", await ScalarAsync(database, "SELECT label FROM connections WHERE id = 'conn-2'"));
        Assert.Equal(4L, (await connections.LabelsAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_with_advice()
    {
        var database = new KeyfolioDatabase(_directory);
        await database.MigrateAsync(CancellationToken.None);
        await ExecuteAsync(database, "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 0)");

        var error = await Assert.ThrowsAsync<StorageException>(() => database.MigrateAsync(CancellationToken.None));

        Assert.Contains("newer Keyfolio", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> SchemaAsync(KeyfolioDatabase database) =>
        await ScalarAsync(database, "SELECT group_concat(type || ' ' || name || ' ' || replace(replace(sql, char(10), ' '), '  ', ' '), char(10)) FROM (SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name)");


}
