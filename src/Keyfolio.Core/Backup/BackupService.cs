using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Storage.Migrations;
using Keyfolio.Vault;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Kdf;
using Keyfolio.Vault.Storage;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Core.Backup;

/// <summary>
/// Backups of the whole data directory, made while Keyfolio runs, and their restore. A backup is a ZIP file, the
/// owner's alone: a consistent copy of the database (SQLite's <c>VACUUM INTO</c>), the audit key and chain head, the
/// exchanges' nonce state, the data directory's settings files and a manifest. Each one is checked after it is
/// written — its database is sound, its audit chain verifies and its vault opens with the master password — and
/// again before a restore, which keeps the data it replaces beside it and refuses to roll the audit log back unless
/// told to.
/// </summary>
public sealed class BackupService(KeyfolioDatabase database, AuditTrail audit, TimeProvider time)
{
    /// <summary>The format this version writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string ExchangesFolder = "exchanges";

    /// <summary>A backup is of the embedded file; a PostgreSQL store is the database's own to back up, and said so.</summary>
    private CoreError? NotEmbedded() => database.IsEmbedded
        ? null
        : Errors.BadInput("Database:Provider", Texts.Of("BackupCopiesOnlyTheEmbeddedFile", database.Store.ToString()), Texts.Of("BackUpPostgreSqlWithItsOwnTools"));

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Writes a backup to <paramref name="file"/> (replacing it only when <paramref name="overwrite"/>), checks it, and records it in the audit log.</summary>
    public async Task<CoreResult<BackupSummary>> CreateAsync(string file, string masterPassword, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentNullException.ThrowIfNull(masterPassword);
        if (NotEmbedded() is { } notEmbedded)
        {
            return notEmbedded;
        }

        var target = Path.GetFullPath(file);
        if (File.Exists(target) && !overwrite)
        {
            return Errors.BadInput("file", Texts.Of("AlreadyExists", target), Texts.Of("ChooseAnotherFileNameOr"));
        }

        var log = await audit.GetLogAsync(cancellationToken).ConfigureAwait(false);
        if (log.BlockedBy is { } broken)
        {
            return Errors.AuditFailed(broken.Summary);
        }

        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        var staging = Directory.CreateTempSubdirectory("keyfolio-backup-");
        try
        {
            // The head first, then the database: the copy then holds at least the entries the head counts, which is
            // how a crash between an entry and its head looks, and opens as such.
            var head = await ReadSharedAsync(Path.Combine(database.DataDirectory, AuditLog.HeadFileName), cancellationToken).ConfigureAwait(false);
            var key = await ReadSharedAsync(Path.Combine(database.DataDirectory, AuditLog.KeyFileName), cancellationToken).ConfigureAwait(false);
            var copy = Path.Combine(staging.FullName, KeyfolioDatabase.FileName);
            await database.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);

            var copied = new KeyfolioDatabase(staging.FullName, time);
            var manifest = new BackupManifest(
                FormatVersion,
                time.GetUtcNow(),
                typeof(BackupService).Assembly.GetName().Version?.ToString() ?? "0",
                await copied.SchemaVersionAsync(cancellationToken).ConfigureAwait(false),
                await CountAuditEntriesAsync(copy, cancellationToken).ConfigureAwait(false));
            SqliteConnection.ClearAllPools();

            await using (var stream = CreatePrivate(partial))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    await AddAsync(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken).ConfigureAwait(false);
                    await AddFileAsync(zip, KeyfolioDatabase.FileName, copy, cancellationToken).ConfigureAwait(false);
                    if (key is not null)
                    {
                        await AddAsync(zip, AuditLog.KeyFileName, key, cancellationToken).ConfigureAwait(false);
                    }

                    if (head is not null)
                    {
                        await AddAsync(zip, AuditLog.HeadFileName, head, cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var extra in ExtraFiles(database.DataDirectory))
                    {
                        var bytes = await ReadSharedAsync(extra, cancellationToken).ConfigureAwait(false);
                        if (bytes is not null)
                        {
                            await AddAsync(zip, Path.GetRelativePath(database.DataDirectory, extra).Replace('\\', '/'), bytes, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CA1849 // Durability: flushing to the disk has no asynchronous form.
                stream.Flush(flushToDisk: true);
#pragma warning restore CA1849
            }

            var checkedBackup = await CheckAsync(partial, masterPassword, cancellationToken).ConfigureAwait(false);
            if (!checkedBackup.IsSuccess)
            {
                return checkedBackup.Error!;
            }

            File.Move(partial, target, overwrite);
            var summary = new BackupSummary(target, manifest.CreatedAt, manifest.SchemaVersion, manifest.AuditEntries, new FileInfo(target).Length);
            var recorded = await RecordAsync(
                audit,
                new AuditEvent(AuditActor.Current, AuditAction.BackedUp) { Outcome = string.Create(CultureInfo.InvariantCulture, $"{manifest.AuditEntries} audit entries, schema {manifest.SchemaVersion}") },
                cancellationToken).ConfigureAwait(false);
            return recorded is { } refused ? refused : summary;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Errors.BadInput("file", Texts.Of("TheBackupCouldNotBe", target, exception.Message), Texts.Of("ChooseAFolderYouCan"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TryDelete(partial);
            staging.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Checks a backup without changing anything: its format, its database, its audit chain, and that its vault opens
    /// with <paramref name="masterPassword"/>. The checks run on a throwaway copy.
    /// </summary>
    public Task<CoreResult<BackupSummary>> CheckAsync(string file, string masterPassword, CancellationToken cancellationToken) =>
        WithExtractedAsync(file, masterPassword, (_, summary) => Task.FromResult<CoreResult<BackupSummary>>(summary), cancellationToken);

    /// <summary>
    /// Replaces the data directory with a backup's. An existing vault is replaced only with <paramref name="force"/>,
    /// and a backup whose audit log is shorter than the one it would replace (a rollback) only with
    /// <paramref name="acceptRollback"/>. The replaced data directory is kept beside it, renamed. Stop every Keyfolio
    /// process using the data directory first.
    /// </summary>
    public async Task<CoreResult<RestoreSummary>> RestoreAsync(string file, string masterPassword, bool force, bool acceptRollback, CancellationToken cancellationToken)
    {
        if (NotEmbedded() is { } notEmbedded)
        {
            return notEmbedded;
        }

        var directory = database.DataDirectory;
        var existing = File.Exists(Path.Combine(directory, KeyfolioDatabase.FileName));
        if (existing && !force)
        {
            return Errors.BadInput("--force", Texts.Of("AlreadyHoldsAKeyfolioData", directory), Texts.Of("AddForceToReplaceIt"));
        }

        var currentFile = Path.Combine(directory, KeyfolioDatabase.FileName);
        var current = existing ? await CountAuditEntriesAsync(currentFile, cancellationToken).ConfigureAwait(false) : 0;
        return await WithExtractedAsync<RestoreSummary>(
            file,
            masterPassword,
            async (extracted, summary) =>
            {
                // What the restore would take back: entries newer than the backup's, except the records of backups
                // and restores, which change nothing a person did.
                var rolledBack = existing && current > summary.AuditEntries
                    ? await CountAuditEntriesAsync(currentFile, cancellationToken, after: summary.AuditEntries, except: [AuditActionCodes.ToCode(AuditAction.BackedUp), AuditActionCodes.ToCode(AuditAction.Restored)]).ConfigureAwait(false)
                    : 0;
                if (rolledBack > 0 && !acceptRollback)
                {
                    return new CoreError(
                        CoreErrorKind.BadInput,
                        Texts.Of("ThisBackupIsOlderThan", summary.AuditEntries, current, rolledBack),
                        Texts.Of("IfThatIsWhatYou"))
                    { Field = "--rollback" };
                }

                // A server running on the directory would go on writing to the data moved aside: refused, not raced.
                using (var serving = ServingLock.TryTake(directory, "keyfolio restore", time, out var heldBy))
                {
                    if (serving is null)
                    {
                        return ServedNow(directory, heldBy);
                    }
                }

                var kept = existing ? Swap(directory, extracted) : Fill(directory, extracted);
                await using (var restored = new RestoredDirectory(directory, time))
                {
                    var recorded = await RecordAsync(
                        restored.Audit,
                        new AuditEvent(AuditActor.Current, AuditAction.Restored)
                        {
                            Outcome = rolledBack > 0
                                ? string.Create(CultureInfo.InvariantCulture, $"from a backup of {summary.CreatedAt:O}; rolled back {rolledBack} audit entries")
                                : string.Create(CultureInfo.InvariantCulture, $"from a backup of {summary.CreatedAt:O}"),
                        },
                        cancellationToken).ConfigureAwait(false);
                    if (recorded is { } refused)
                    {
                        return refused;
                    }
                }

                return new RestoreSummary(directory, kept, summary, rolledBack);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static CoreError ServedNow(string directory, string? heldBy) =>
        new(
            CoreErrorKind.Conflict,
            Texts.Of("KeyfolioIsServingRightNow", directory, heldBy),
            Texts.Of("StopItFirstCtrlC"));

    private async Task<CoreResult<T>> WithExtractedAsync<T>(string file, string masterPassword, Func<string, BackupSummary, Task<CoreResult<T>>> then, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentNullException.ThrowIfNull(masterPassword);
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            return Errors.BadInput("file", Texts.Of("DoesNotExist", path), Texts.Of("GiveThePathOfA"));
        }

        var staging = Directory.CreateTempSubdirectory("keyfolio-restore-");
        try
        {
            BackupManifest? manifest;
            try
            {
                manifest = await ExtractAsync(path, staging.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidDataException or JsonException or IOException or UnauthorizedAccessException)
            {
                return NotABackup(path);
            }

            if (manifest is null || manifest.Format != FormatVersion || !File.Exists(Path.Combine(staging.FullName, KeyfolioDatabase.FileName)))
            {
                return manifest is { Format: > FormatVersion }
                    ? Damaged(path, $"it was made by a newer Keyfolio (backup format {manifest.Format}); install that version to restore it")
                    : NotABackup(path);
            }

            var copy = new KeyfolioDatabase(staging.FullName, time);
            var integrity = await copy.CheckIntegrityAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            {
                return Damaged(path, "its database fails SQLite's integrity check");
            }

            if (manifest.SchemaVersion > MigrationCatalog.LatestVersion)
            {
                return Damaged(path, $"it was made by a newer Keyfolio (schema {manifest.SchemaVersion}; this version knows up to {MigrationCatalog.LatestVersion}); install that version to restore it");
            }

            var entries = await CountAuditEntriesAsync(Path.Combine(staging.FullName, KeyfolioDatabase.FileName), cancellationToken).ConfigureAwait(false);
            if (entries != manifest.AuditEntries)
            {
                return Damaged(path, "its audit log does not hold the entries its manifest counts");
            }

            // The checks that change the copy (migrations, an unlock and its audit entries) run on a second copy, so
            // what is restored is exactly what the backup holds.
            var probe = Directory.CreateTempSubdirectory("keyfolio-restore-check-");
            try
            {
                CopyDirectory(staging.FullName, probe.FullName);
                var problem = await ProbeAsync(probe.FullName, masterPassword, cancellationToken).ConfigureAwait(false);
                if (problem is not null)
                {
                    return problem;
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                probe.Delete(recursive: true);
            }

            var summary = new BackupSummary(path, manifest.CreatedAt, manifest.SchemaVersion, manifest.AuditEntries, new FileInfo(path).Length);
            SqliteConnection.ClearAllPools();
            return await then(staging.FullName, summary).ConfigureAwait(false);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (staging.Exists)
            {
                staging.Delete(recursive: true);
            }
        }
    }

    /// <summary>Opens the copy as Keyfolio would: migrations, the audit chain, then the vault with the password.</summary>
    private async Task<CoreError?> ProbeAsync(string directory, string masterPassword, CancellationToken cancellationToken)
    {
        await using var restored = new RestoredDirectory(directory, time);
        await restored.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var verification = await restored.Audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
        if (!verification.IsIntact)
        {
            return Errors.AuditFailed("the backup's audit log fails verification: " + verification.Summary);
        }

        var unlocked = await restored.Vault.UnlockAsync(masterPassword, cancellationToken).ConfigureAwait(false);
        return unlocked.IsSuccess
            ? null
            : unlocked.Error!.Kind == CoreErrorKind.WrongPassword
                ? new CoreError(CoreErrorKind.WrongPassword, Texts.Of("TheMasterPasswordDoesNot"), Texts.Of("TypeTheMasterPasswordThe"))
                : unlocked.Error;
    }

    private static async Task<BackupManifest?> ExtractAsync(string file, string directory, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        BackupManifest? manifest = null;
        foreach (var entry in zip.Entries)
        {
            var destination = Path.GetFullPath(Path.Combine(directory, entry.FullName));
            if (!destination.StartsWith(root, StringComparison.Ordinal) || entry.FullName.EndsWith('/'))
            {
                // A name that climbs out of the folder, or a folder entry: never part of a Keyfolio backup.
                throw new InvalidDataException("Unexpected entry " + entry.FullName);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using (var source = await entry.OpenAsync(cancellationToken).ConfigureAwait(false))
            await using (var target = CreatePrivate(destination))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }

            if (entry.FullName == ManifestEntry)
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(destination, cancellationToken).ConfigureAwait(false), Json);
                File.Delete(destination);
            }
        }

        return manifest;
    }

    /// <summary>Moves the current data directory aside and the extracted one into its place; returns where the old one is.</summary>
    private string? Swap(string directory, string extracted)
    {
        SqliteConnection.ClearAllPools();
        audit.Dispose();
        var kept = directory.TrimEnd(Path.DirectorySeparatorChar) + ".replaced-" + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (var n = 2; Directory.Exists(kept) || File.Exists(kept); n++)
        {
            kept = directory.TrimEnd(Path.DirectorySeparatorChar) + ".replaced-" + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        var incoming = directory.TrimEnd(Path.DirectorySeparatorChar) + ".restoring-" + Guid.NewGuid().ToString("N")[..8];
        CopyDirectory(extracted, incoming);
        Directory.Move(directory, kept);
        Directory.Move(incoming, directory);
        return kept;
    }

    /// <summary>Fills a data directory that holds no database yet (it may not exist).</summary>
    private string? Fill(string directory, string extracted)
    {
        SqliteConnection.ClearAllPools();
        audit.Dispose();
        PrivateFolder(directory);
        foreach (var stale in new[] { AuditLog.KeyFileName, AuditLog.HeadFileName, KeyfolioDatabase.FileName + "-wal", KeyfolioDatabase.FileName + "-shm" })
        {
            TryDelete(Path.Combine(directory, stale));
        }

        CopyDirectory(extracted, directory);
        return null;
    }

    private static async Task<CoreError?> RecordAsync(AuditTrail trail, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await trail.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }
    }

    private static IEnumerable<string> ExtraFiles(string directory)
    {
        foreach (var settings in Directory.EnumerateFiles(directory, "appsettings*.json", SearchOption.TopDirectoryOnly))
        {
            yield return settings;
        }

        var exchanges = Path.Combine(directory, ExchangesFolder);
        if (Directory.Exists(exchanges))
        {
            foreach (var state in Directory.EnumerateFiles(exchanges, "*", SearchOption.AllDirectories))
            {
                yield return state;
            }
        }
    }

    private static async Task<long> CountAuditEntriesAsync(string databaseFile, CancellationToken cancellationToken, long after = 0, string[]? except = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_entries WHERE sequence > @after AND action <> @first AND action <> @second";
        command.Parameters.AddWithValue("@after", after);
        command.Parameters.AddWithValue("@first", except is [var first, ..] ? first : string.Empty);
        command.Parameters.AddWithValue("@second", except is [_, var second, ..] ? second : string.Empty);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static async Task<byte[]?> ReadSharedAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task AddFileAsync(ZipArchive zip, string name, string path, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var source = File.OpenRead(path);
        await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
    }

    private static FileStream CreatePrivate(string path) => OperatingSystem.IsWindows()
        ? new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite)
        : new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, UnixCreateMode = OwnerOnlyMode.File });

    private static void PrivateFolder(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyMode.Directory);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        PrivateFolder(target);
        // The copy's own SQLite connections are closed first, so its write-ahead log is folded into the database.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith("-shm", StringComparison.Ordinal))
            {
                // SQLite's shared-memory index of the log: rebuilt by whoever opens the database next.
                continue;
            }

            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            PrivateFolder(Path.GetDirectoryName(destination)!);
            FileStream from;
            try
            {
                from = File.OpenRead(file);
            }
            catch (FileNotFoundException) when (file.EndsWith("-wal", StringComparison.Ordinal))
            {
                // The last connection folded the log into the database and removed it after it was listed.
                continue;
            }

            using (from)
            using (var to = CreatePrivate(destination))
            {
                from.CopyTo(to);
                to.Flush(flushToDisk: true);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover partial file is harmless; it is named as one.
        }
    }

    private static CoreError NotABackup(string path) => new(
        CoreErrorKind.BadInput,
        Texts.Of("IsNotAKeyfolioBackup", path),
        Texts.Of("GiveAFileMadeWith"))
    { Field = "file" };

    private static CoreError Damaged(string path, string why) => new(
        CoreErrorKind.Corrupted,
        Texts.Of("CannotBeRestored", path, why),
        Texts.Of("UseAnotherBackup"));

    /// <summary>The core's stores over one data directory, outside the app's own services.</summary>
    private sealed class RestoredDirectory : IAsyncDisposable
    {
        public RestoredDirectory(string directory, TimeProvider time)
        {
            Database = new KeyfolioDatabase(directory, time);
            Audit = new AuditTrail(Database, time);
            // The header's own parameters: a check never strengthens (rewrites) the copy's key derivation.
            Vault = new VaultAccess(Database, Audit, new VaultOptions { Kdf = KdfParameters.Floor }, time);
        }

        public KeyfolioDatabase Database { get; }

        public AuditTrail Audit { get; }

        public VaultAccess Vault { get; }

        public async ValueTask DisposeAsync()
        {
            await Vault.DisposeAsync().ConfigureAwait(false);
            Audit.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }
}

/// <summary>What a backup holds, as its manifest says.</summary>
internal sealed record BackupManifest(int Format, DateTimeOffset CreatedAt, string KeyfolioVersion, int SchemaVersion, long AuditEntries);

/// <summary>A backup that was written, or checked.</summary>
public sealed record BackupSummary(string File, DateTimeOffset CreatedAt, int SchemaVersion, long AuditEntries, long Bytes);

/// <summary>A restore: where the data now is, where the data it replaced was kept (null when there was none), and how many audit entries were rolled back.</summary>
public sealed record RestoreSummary(string DataDirectory, string? KeptAside, BackupSummary Backup, long RolledBackEntries);
