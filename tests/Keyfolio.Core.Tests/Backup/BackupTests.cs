using System.Globalization;
using System.IO.Compression;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Backup;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Core.Tests.Backup;

/// <summary>
/// Backups made while Keyfolio works, checked after writing, restored only when they open with the password, and a
/// restore that would roll the audit log back refused until it is asked for.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keyfolio-backup-tests-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_backup_made_during_a_running_sync_restores_into_an_empty_directory_and_unlocks_with_the_same_password()
    {
        var file = Path.Combine(_folder, "backup.zip");
        int connections;
        BackupSummary made;
        await using (var harness = await CoreHarness.StartAsync())
        {
            await harness.AddAsync("Binance main");
            await harness.AddAsync("OKX main");
            connections = (await harness.Connections.ListAsync(false, CancellationToken.None)).Count;
            using var stop = new CancellationTokenSource();
            var refreshes = 0;
            var syncing = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await harness.Sync.RefreshAllAsync(CancellationToken.None);
                    Interlocked.Increment(ref refreshes);
                }
            });

            // Two syncs at least before and while the backup is written, so the copy is taken while entries are added.
            while (Volatile.Read(ref refreshes) < 2)
            {
                await Task.Yield();
                await Task.Delay(1);
            }

            var result = await harness.Get<BackupService>().CreateAsync(file, CoreHarness.Password, overwrite: false, CancellationToken.None);
            await stop.CancelAsync();
            await syncing;
            Assert.True(result.IsSuccess, result.Error?.ToString());
            made = result.Value!;
        }

        var restoredDirectory = Path.Combine(_folder, "restored");
        var restore = await RestoreAsync(restoredDirectory, file, CoreHarness.Password, force: false, rollback: false);
        Assert.True(restore.IsSuccess, restore.Error?.ToString());

        await using var restored = await CoreHarness.StartAsync(createVault: false, dataDirectory: restoredDirectory);
        var unlocked = await restored.Vault.UnlockAsync(CoreHarness.Password, CancellationToken.None);
        var verification = await restored.Audit.VerifyAsync(CancellationToken.None);
        var newest = await restored.Audit.ReadNewestAsync(5, null, CancellationToken.None);

        Assert.True(unlocked.IsSuccess, unlocked.Error?.ToString());
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.Equal(connections, (await restored.Connections.ListAsync(false, CancellationToken.None)).Count);
        Assert.True(made.AuditEntries > 2);
        Assert.Null(restore.Value!.KeptAside);
        Assert.Contains(newest, r => r.Action == AuditAction.Restored);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OwnerOnlyMode.File);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(file) == OwnerOnlyMode.File, "The backup file can be read by others.");
        }
    }

    [Fact]
    public async Task Restoring_an_older_backup_is_refused_as_a_rollback_and_done_only_when_asked_keeping_the_newer_data_aside()
    {
        var older = Path.Combine(_folder, "older.zip");
        var newer = Path.Combine(_folder, "newer.zip");
        await using (var harness = await CoreHarness.StartAsync())
        {
            await harness.AddAsync("Binance main");
            Assert.True((await harness.Get<BackupService>().CreateAsync(older, CoreHarness.Password, false, CancellationToken.None)).IsSuccess);
            await harness.AddAsync("OKX main");
            Assert.True((await harness.Get<BackupService>().CreateAsync(newer, CoreHarness.Password, false, CancellationToken.None)).IsSuccess);
        }

        var directory = Path.Combine(_folder, "data");
        Assert.True((await RestoreAsync(directory, newer, CoreHarness.Password, force: false, rollback: false)).IsSuccess);
        var refused = await RestoreAsync(directory, older, CoreHarness.Password, force: true, rollback: false);
        var afterRefusal = await CountConnectionsAsync(directory);
        var accepted = await RestoreAsync(directory, older, CoreHarness.Password, force: true, rollback: true);

        Assert.False(refused.IsSuccess);
        Assert.Equal("--rollback", refused.Error!.Field);
        Assert.Contains("rolls the audit log back", refused.Error.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(2, afterRefusal);
        Assert.True(accepted.IsSuccess, accepted.Error?.ToString());
        Assert.True(accepted.Value!.RolledBackEntries > 0);
        Assert.Equal(1, await CountConnectionsAsync(directory));
        Assert.Equal(2, await CountConnectionsAsync(accepted.Value.KeptAside!));

        await using var restored = await CoreHarness.StartAsync(createVault: false, dataDirectory: directory);
        var newest = (await restored.Audit.ReadNewestAsync(1, null, CancellationToken.None)).Single();
        Assert.True((await restored.Audit.VerifyAsync(CancellationToken.None)).IsIntact);
        Assert.Equal(AuditAction.Restored, newest.Action);
        Assert.Contains("rolled back", newest.Outcome, StringComparison.Ordinal);
        Directory.Delete(accepted.Value.KeptAside!, recursive: true);
    }

    [Fact]
    public async Task Restoring_the_same_backup_again_is_no_rollback_and_an_existing_vault_needs_force()
    {
        var file = Path.Combine(_folder, "backup.zip");
        await using (var harness = await CoreHarness.StartAsync())
        {
            Assert.True((await harness.Get<BackupService>().CreateAsync(file, CoreHarness.Password, false, CancellationToken.None)).IsSuccess);
            var again = await harness.Get<BackupService>().CreateAsync(file, CoreHarness.Password, false, CancellationToken.None);
            Assert.Equal("file", again.Error!.Field);
        }

        var directory = Path.Combine(_folder, "data");
        Assert.True((await RestoreAsync(directory, file, CoreHarness.Password, force: false, rollback: false)).IsSuccess);
        var withoutForce = await RestoreAsync(directory, file, CoreHarness.Password, force: false, rollback: false);
        var withForce = await RestoreAsync(directory, file, CoreHarness.Password, force: true, rollback: false);

        Assert.Equal("--force", withoutForce.Error!.Field);
        Assert.True(withForce.IsSuccess, withForce.Error?.ToString());
        Assert.Equal(0, withForce.Value!.RolledBackEntries);
        Directory.Delete(withForce.Value.KeptAside!, recursive: true);
    }

    [Fact]
    public async Task A_wrong_password_a_damaged_backup_and_a_file_that_is_not_a_backup_are_refused_and_nothing_is_written()
    {
        var file = Path.Combine(_folder, "backup.zip");
        await using (var harness = await CoreHarness.StartAsync())
        {
            await harness.AddAsync("Binance main");
            var wrongAtBackup = await harness.Get<BackupService>().CreateAsync(file, "not-the-master-password-1", false, CancellationToken.None);
            Assert.Equal(CoreErrorKind.WrongPassword, wrongAtBackup.Error!.Kind);
            Assert.False(File.Exists(file));
            Assert.Empty(Directory.GetFiles(_folder));
            Assert.True((await harness.Get<BackupService>().CreateAsync(file, CoreHarness.Password, false, CancellationToken.None)).IsSuccess);
        }

        var damaged = Path.Combine(_folder, "damaged.zip");
        File.Copy(file, damaged);
        await using (var zip = await ZipFile.OpenAsync(damaged, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("audit.key")!;
            byte[] key;
            await using (var read = await entry.OpenAsync())
            using (var buffer = new MemoryStream())
            {
                await read.CopyToAsync(buffer);
                key = buffer.ToArray();
            }

            key[^1] ^= 0x01;
            entry.Delete();
            await using var write = await zip.CreateEntry("audit.key").OpenAsync();
            await write.WriteAsync(key);
        }

        var notABackup = Path.Combine(_folder, "notes.zip");
        await File.WriteAllTextAsync(notABackup, "just some text");
        var target = Path.Combine(_folder, "target");

        var wrong = await RestoreAsync(target, file, "not-the-master-password-1", force: false, rollback: false);
        var tampered = await RestoreAsync(target, damaged, CoreHarness.Password, force: false, rollback: false);
        var text = await RestoreAsync(target, notABackup, CoreHarness.Password, force: false, rollback: false);

        Assert.Equal(CoreErrorKind.WrongPassword, wrong.Error!.Kind);
        Assert.False(tampered.IsSuccess);
        Assert.Contains("audit log", tampered.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("is not a Keyfolio backup", text.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target, KeyfolioDatabase.FileName)));
    }

    private static async Task<CoreResult<RestoreSummary>> RestoreAsync(string directory, string file, string password, bool force, bool rollback)
    {
        var database = new KeyfolioDatabase(directory);
        using var trail = new AuditTrail(database, TimeProvider.System);
        var result = await new BackupService(database, trail, TimeProvider.System).RestoreAsync(file, password, force, rollback, CancellationToken.None);
        SqliteConnection.ClearAllPools();
        return result;
    }

    private static async Task<long> CountConnectionsAsync(string directory)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, KeyfolioDatabase.FileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM connections WHERE removed_at IS NULL";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
