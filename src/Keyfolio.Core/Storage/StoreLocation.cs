using System.Globalization;
using Npgsql;

namespace Keyfolio.Core.Storage;

/// <summary>Which database engine keeps Keyfolio's data.</summary>
public enum StoreProvider
{
    /// <summary>The embedded file <c>keyfolio.db</c> in the data directory: one person, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: server mode.</summary>
    PostgreSql,
}

/// <summary>
/// Where Keyfolio's database is: the SQLite file in the data directory, or a PostgreSQL database named by a connection
/// string in Npgsql's <c>key=value</c> form or as a <c>postgresql://</c> URI. The connection string may hold the
/// database password, so it is never printed: <see cref="ToString"/> names engine, host, port, database and user only.
/// </summary>
public sealed class StoreLocation
{
    private StoreLocation(StoreProvider provider, NpgsqlConnectionStringBuilder? postgres)
    {
        Provider = provider;
        Postgres = postgres;
    }

    /// <summary>The embedded SQLite file, the default.</summary>
    public static StoreLocation Sqlite { get; } = new(StoreProvider.Sqlite, null);

    public StoreProvider Provider { get; }

    /// <summary>True when the connection string holds the database password itself (rather than leaving it to the server's own ways).</summary>
    public bool CarriesPassword => !string.IsNullOrEmpty(Postgres?.Password);

    /// <summary>The PostgreSQL connection settings; null for SQLite.</summary>
    internal NpgsqlConnectionStringBuilder? Postgres { get; }

    /// <summary>
    /// Reads a PostgreSQL connection string: <c>Host=db;Port=5432;Database=keyfolio;Username=keyfolio;Password=…</c>,
    /// or <c>postgresql://keyfolio:…@db:5432/keyfolio?sslmode=require</c>. Throws <see cref="ArgumentException"/> that
    /// says what is wrong without repeating the string (it may hold a password).
    /// </summary>
    public static StoreLocation PostgreSql(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var text = connectionString.Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("The PostgreSQL connection string is empty. Give one as Host=…;Database=…;Username=…;Password=… or as postgresql://user:password@host:5432/database.", nameof(connectionString));
        }

        var builder = text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            ? FromUri(text)
            : FromKeyValues(text);
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string names no host. Add Host=… (or the host of a postgresql:// address).", nameof(connectionString));
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException("The PostgreSQL connection string names no database. Add Database=… (or /database at the end of a postgresql:// address).", nameof(connectionString));
        }

        return new StoreLocation(StoreProvider.PostgreSql, builder);
    }

    /// <summary>Engine, host, port, database and user, never the password.</summary>
    public override string ToString() => Postgres is { } postgres
        ? string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database {postgres.Database} on {postgres.Host}:{postgres.Port}{(string.IsNullOrEmpty(postgres.Username) ? string.Empty : " as " + postgres.Username)}")
        : "SQLite file in the data directory";

    private static NpgsqlConnectionStringBuilder FromKeyValues(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's message repeats the offending part, which may be the password: say what to write instead.
            throw new ArgumentException("The PostgreSQL connection string is not in Npgsql's form: it must be key=value pairs separated by ';' (Host, Port, Database, Username, Password, SSL Mode, …), or a postgresql:// address.", nameof(text));
        }
    }

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("The postgresql:// address cannot be read: write it as postgresql://user:password@host:5432/database, with any special characters of the password percent-encoded.", nameof(text));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            var key = name.ToLowerInvariant() switch
            {
                "sslmode" => "SSL Mode",
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                "options" => "Options",
                "target_session_attrs" => "Target Session Attributes",
                _ => throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The postgresql:// address has a parameter Keyfolio does not read (it is not repeated here: a password with an unencoded '@' or '?' would show in it). Use sslmode, application_name, connect_timeout, options or target_session_attrs, or write the connection string as Npgsql's key=value pairs. (A password holding '@', '?', '/' or '#' must have them percent-encoded.)"),
                    nameof(text)),
            };
            try
            {
                builder[key] = key == "SSL Mode" ? SslModeName(value) : value;
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The postgresql:// address gives {key} a value Npgsql does not accept."), nameof(text));
            }
        }

        return builder;
    }

    /// <summary>libpq's <c>sslmode</c> values (<c>verify-full</c>) as Npgsql names them (<c>VerifyFull</c>).</summary>
    private static string SslModeName(string value) => value.ToLowerInvariant() switch
    {
        "disable" => "Disable",
        "allow" => "Allow",
        "prefer" => "Prefer",
        "require" => "Require",
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => value,
    };
}
