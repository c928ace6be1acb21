using System.Data.Common;
using System.Globalization;

namespace Keyfolio.Core.Storage;

/// <summary>
/// How values are kept in portable columns: instants as whole microseconds since the Unix epoch (exact in any
/// database), amounts and prices as invariant decimal text (exact, where a floating column would round).
/// </summary>
internal static class DbValues
{
    public static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * 10), TimeSpan.Zero);

    public static object ToDb(DateTimeOffset? time) => time is { } value ? ToMicroseconds(value) : DBNull.Value;

    public static object ToDb(decimal? amount) => amount is { } value ? value.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    public static object ToDb(string? text) => (object?)text ?? DBNull.Value;

    public static object ToDb(long? number) => number is { } value ? value : DBNull.Value;

    public static DateTimeOffset? Time(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromMicroseconds(reader.GetInt64(ordinal));

    public static decimal? Decimal(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : decimal.Parse(reader.GetString(ordinal), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? Long(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A binary column's bytes; any other stored type (text, a number, null) is damage, reported as such.</summary>
    public static byte[] Bytes(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) as byte[]
        ?? throw new StorageException(string.Create(
            CultureInfo.InvariantCulture,
            $"The database is damaged: its {reader.GetName(ordinal)} column holds {Describe(reader.GetValue(ordinal))} where Keyfolio wrote bytes."));

    private static string Describe(object value) => value switch
    {
        DBNull => "nothing",
        string => "text",
        long or int or double or decimal => "a number",
        _ => "another type",
    };

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes SQL made of constants; values travel only as parameters.")]
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
