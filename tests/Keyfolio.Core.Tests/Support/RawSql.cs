using System.Globalization;
using Keyfolio.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Core.Tests.Support;

/// <summary>Statements run on a database file beside Keyfolio's own connection, as an older version or a tamperer would.</summary>
internal static class RawSql
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test statements are constants.")]
    public static async Task ExecuteAsync(KeyfolioDatabase database, string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + database.FilePath);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test statements are constants.")]
    public static async Task<string> ScalarAsync(KeyfolioDatabase database, string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + database.FilePath);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }
}
