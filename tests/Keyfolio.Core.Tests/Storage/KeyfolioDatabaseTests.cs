using Keyfolio.Core.Storage;
using Keyfolio.Vault.Storage;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>The data directory and the database files are its owner's alone, whoever made them and however.</summary>
public sealed class KeyfolioDatabaseTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OpenDirectory = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode OpenFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead;

    private readonly string _parent = Directory.CreateTempSubdirectory("keyfolio-db-").FullName;

    [Fact]
    public async Task A_new_data_directory_and_its_database_files_are_created_for_the_owner_only()
    {
        var directory = Path.Combine(_parent, "new");

        await new KeyfolioDatabase(directory).MigrateAsync(CancellationToken.None);
        await using var reader = await HoldOpenAsync(directory);

        Assert.True(File.Exists(Path.Combine(directory, KeyfolioDatabase.FileName)));
        Assert.Equal(OwnerOnlyDirectory, OwnerOnlyMode.Directory);
        Assert.Equal(OwnerOnlyFile, OwnerOnlyMode.File);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(directory));
            foreach (var file in DatabaseFiles(directory))
            {
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public async Task An_existing_data_directory_and_database_left_open_to_others_are_tightened()
    {
        var directory = Path.Combine(_parent, "existing");
        await new KeyfolioDatabase(directory).MigrateAsync(CancellationToken.None);
        await using var reader = await HoldOpenAsync(directory);
        var files = DatabaseFiles(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, OpenDirectory);
            foreach (var file in files)
            {
                File.SetUnixFileMode(file, OpenFile);
            }
        }

        var database = new KeyfolioDatabase(directory);
        await database.MigrateAsync(CancellationToken.None);

        Assert.Equal("ok", await database.CheckIntegrityAsync(CancellationToken.None));
        Assert.Equal(OwnerOnlyDirectory, OwnerOnlyMode.Tightened(OpenDirectory, OwnerOnlyMode.Directory));
        Assert.Equal(OwnerOnlyFile, OwnerOnlyMode.Tightened(OpenFile, OwnerOnlyMode.File));
        Assert.Null(OwnerOnlyMode.Tightened(OwnerOnlyDirectory, OwnerOnlyMode.Directory));
        Assert.Null(OwnerOnlyMode.Tightened(OwnerOnlyFile, OwnerOnlyMode.File));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(directory));
            foreach (var file in files)
            {
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
            }
        }
    }

    public void Dispose()
    {
        SqlDialect.ReleasePooledConnections();
        Directory.Delete(_parent, recursive: true);
    }

    /// <summary>
    /// An unpooled connection of the test's own, open until the test ends: SQLite removes the -wal and -shm files when
    /// the last connection closes, which a test running alongside may cause at any moment by clearing the shared pool.
    /// </summary>
    private static async Task<SqliteConnection> HoldOpenAsync(string directory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, KeyfolioDatabase.FileName), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        await command.ExecuteScalarAsync();
        return connection;
    }

    /// <summary>keyfolio.db and, in write-ahead-log mode, its -wal and -shm files, which hold recent writes.</summary>
    private static string[] DatabaseFiles(string directory)
    {
        var files = new[] { "", "-wal", "-shm" }.Select(suffix => Path.Combine(directory, KeyfolioDatabase.FileName + suffix)).ToArray();
        Assert.All(files, file => Assert.True(File.Exists(file), file));
        return files;
    }
}
