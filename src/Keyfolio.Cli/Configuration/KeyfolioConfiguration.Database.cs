using System.Text.RegularExpressions;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Keyfolio.Cli.Configuration;

/// <summary>
/// Where the data is kept: <c>Database:Provider</c> and <c>Database:ConnectionString</c>. The connection string may
/// hold the database password, so no message here repeats it, nor any part of it.
/// </summary>
internal static partial class KeyfolioConfiguration
{
    private const string ProviderKey = "Database:Provider";
    private const string ConnectionStringKey = "Database:ConnectionString";

    private static readonly string[] DatabaseKeys = [ProviderKey, ConnectionStringKey];

    /// <summary>
    /// <c>Database:Provider</c> (<c>sqlite</c>, the default, or <c>postgresql</c>, without regard to case) and, for
    /// PostgreSQL, <c>Database:ConnectionString</c>. A connection string with the SQLite provider is refused rather than
    /// ignored, so that nobody believes the data is in PostgreSQL while it is in the SQLite file.
    /// </summary>
    private static StoreLocation Store(IConfigurationRoot configuration)
    {
        var provider = Read(configuration, ProviderKey);
        var connection = Read(configuration, ConnectionStringKey) is { } read && Text(read.Value) is not null ? read : ((string Value, string Source)?)null;
        var postgres = provider is { } chosen && IsProvider(chosen.Value, "postgresql");
        if (provider is { } given && !postgres && !IsProvider(given.Value, "sqlite"))
        {
            // A short word is repeated (a typo such as "postgres" is then plain to see); anything else may be a
            // connection string put in the wrong setting, so it is not.
            var shown = ProviderWord().IsMatch(given.Value.Trim()) ? $" is \"{given.Value.Trim()}\" (from {given.Source}), which" : $" (from {given.Source})";
            throw new KeyfolioSettingException(
                ProviderKey,
                $"The setting {ProviderKey}{shown} is not a database Keyfolio can keep its data in.",
                $"Use sqlite (the file keyfolio.db in the data directory, the default) or postgresql (with {ConnectionStringKey})." + Unset(given.Source));
        }

        if (!postgres)
        {
            if (connection is { } stray)
            {
                var from = provider is { } sqlite ? $"is sqlite (from {sqlite.Source})" : "is not set, so it is sqlite";
                throw new KeyfolioSettingException(
                    ConnectionStringKey,
                    $"The setting {ConnectionStringKey} is set (from {stray.Source}), but {ProviderKey} {from}: the data would be kept in the SQLite file, not in that database.",
                    $"To use PostgreSQL, set {ProviderKey} to postgresql ({VariableFor(ProviderKey)} or an {FileName}). To keep the SQLite file, remove {ConnectionStringKey} from {stray.Source}.");
            }

            return StoreLocation.Sqlite;
        }

        if (connection is not { } named)
        {
            throw new KeyfolioSettingException(
                ConnectionStringKey,
                $"The setting {ProviderKey} is postgresql (from {provider!.Value.Source}), but {ConnectionStringKey} is not set, so Keyfolio does not know which database to use.",
                $"Set {VariableFor(ConnectionStringKey)} to the database's connection string, such as Host=db.example.org;Database=keyfolio;Username=keyfolio;Password=… or postgresql://keyfolio:…@db.example.org:5432/keyfolio. Or set {ProviderKey} to sqlite to keep the data in the SQLite file.");
        }

        return Parse(named);
    }

    /// <summary>
    /// For <c>keyfolio migrate-store</c>: the PostgreSQL database <c>Database:ConnectionString</c> names (null when
    /// unset), read whatever <c>Database:Provider</c> says — the move comes before the switch — with the same checks and
    /// messages as <see cref="Store"/>.
    /// </summary>
    private static StoreLocation? MoveTarget(IConfigurationRoot configuration)
    {
        if (Read(configuration, ProviderKey) is { } given && !IsProvider(given.Value, "postgresql") && !IsProvider(given.Value, "sqlite"))
        {
            // The same refusal as at any other start.
            Store(configuration);
        }

        return Read(configuration, ConnectionStringKey) is { } read && Text(read.Value) is not null ? Parse(read) : null;
    }

    /// <summary>The connection string of <paramref name="named"/>, or a refusal naming where it came from and never repeating it.</summary>
    private static StoreLocation Parse((string Value, string Source) named)
    {
        var fix = $"Correct {ConnectionStringKey} in {named.Source}: Host=…;Port=5432;Database=…;Username=…;Password=… or postgresql://user:password@host:5432/database, with any special characters of the password percent-encoded.";
        try
        {
            return StoreLocation.PostgreSql(named.Value);
        }
        catch (ArgumentException exception)
        {
            throw new KeyfolioSettingException(
                ConnectionStringKey,
                $"The setting {ConnectionStringKey} (from {named.Source}) cannot be used: {exception.Message.Split(" (Parameter", 2)[0]}",
                fix);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's own message for a value it cannot convert (Port=abc) may repeat the value: it is not used.
            throw new KeyfolioSettingException(
                ConnectionStringKey,
                $"The setting {ConnectionStringKey} (from {named.Source}) cannot be used: a value in it is not of the kind its key takes (a number for Port, say).",
                fix);
        }
    }

    private static bool IsProvider(string value, string name) => value.Trim().Equals(name, StringComparison.OrdinalIgnoreCase);

    private static string Unset(string source) => source.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) ? $" Or unset {source}." : string.Empty;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,19}$")]
    private static partial Regex ProviderWord();

}
