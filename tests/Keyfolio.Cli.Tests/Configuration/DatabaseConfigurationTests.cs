using Keyfolio.Cli.Configuration;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Core;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;

namespace Keyfolio.Cli.Tests.Configuration;

/// <summary>
/// <c>Database:Provider</c> and <c>Database:ConnectionString</c>: SQLite unless PostgreSQL is asked for, read from the
/// same sources as every setting, checked at start, and the database password never in a message or a printout.
/// </summary>
public sealed class DatabaseConfigurationTests : IDisposable
{
    private const string Canary = "Canary-pw-7Qx9Zr";
    private const string ProviderVariable = "KEYFOLIO_DATABASE__PROVIDER";
    private const string ConnectionVariable = "KEYFOLIO_DATABASE__CONNECTIONSTRING";

    private readonly string _program = Directory.CreateTempSubdirectory("keyfolio-dbconfig-program-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("keyfolio-dbconfig-data-").FullName;
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public DatabaseConfigurationTests() => _environment["KEYFOLIO_HOME"] = _data;

    public void Dispose()
    {
        Directory.Delete(_program, recursive: true);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void The_store_is_the_sqlite_file_unless_a_provider_is_set()
    {
        var unset = Load();
        _environment[ProviderVariable] = "SQLite";
        var named = Load();

        Assert.Same(StoreLocation.Sqlite, unset.Store);
        Assert.Same(StoreLocation.Sqlite, named.Store);
        Assert.Contains("Store = SQLite file in the data directory", unset.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("PostgreSQL")]
    [InlineData(" POSTGRESQL ")]
    public void Postgresql_is_chosen_whatever_the_case_with_a_connection_string_in_npgsqls_form(string provider)
    {
        _environment[ProviderVariable] = provider;
        _environment[ConnectionVariable] = $"Host=db.example.org;Port=5433;Database=keyfolio;Username=kf;Password={Canary}";

        var settings = Load();

        Assert.Equal(StoreProvider.PostgreSql, settings.Store.Provider);
        Assert.Equal("PostgreSQL database keyfolio on db.example.org:5433 as kf", settings.Store.ToString());
    }

    [Fact]
    public void A_postgresql_address_is_accepted_and_neither_the_store_nor_the_settings_print_its_password()
    {
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), $$$"""{"Database": {"Provider": "postgresql", "ConnectionString": "postgresql://keyfolio:{{{Canary}}}@pg.example.org:6543/portfolio?sslmode=require"}}""");

        var settings = Load();

        Assert.Equal(StoreProvider.PostgreSql, settings.Store.Provider);
        Assert.Equal("PostgreSQL database portfolio on pg.example.org:6543 as keyfolio", settings.Store.ToString());
        Assert.Contains("Store = PostgreSQL database portfolio on pg.example.org:6543 as keyfolio", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, settings.Store.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_variable_wins_over_the_data_directorys_file_which_wins_over_the_programs_file()
    {
        File.WriteAllText(Path.Combine(_program, "appsettings.json"), """{"Database": {"Provider": "postgresql", "ConnectionString": "Host=program-db;Database=fromprogram"}}""");
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Database": {"ConnectionString": "Host=data-db;Database=fromdata"}}""");
        _environment[ConnectionVariable] = "postgresql://kf@env-db:5999/fromenv";

        var all = Load();
        _environment.Remove(ConnectionVariable);
        var files = Load();
        File.Delete(Path.Combine(_data, "appsettings.json"));
        var programOnly = Load();
        _environment[ProviderVariable] = "sqlite";
        var providerVariableWins = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("PostgreSQL database fromenv on env-db:5999 as kf", all.Store.ToString());
        Assert.Equal("PostgreSQL database fromdata on data-db:5432", files.Store.ToString());
        Assert.Equal("PostgreSQL database fromprogram on program-db:5432", programOnly.Store.ToString());
        Assert.Equal("Database:ConnectionString", providerVariableWins.Setting);
        Assert.Contains($"is sqlite (from {ProviderVariable})", providerVariableWins.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_the_data_directorys_file_is_allowed()
    {
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), $$$"""{"Database": {"Provider": "postgresql", "ConnectionString": "Host=db;Database=keyfolio;Username=kf;Password={{{Canary}}}"}}""");

        var settings = Load();

        Assert.Equal("PostgreSQL database keyfolio on db:5432 as kf", settings.Store.ToString());
    }

    [Theory]
    [InlineData("mysql", "is \"mysql\" (from KEYFOLIO_DATABASE__PROVIDER), which is not a database Keyfolio can keep its data in")]
    [InlineData("postgres", "is \"postgres\" (from KEYFOLIO_DATABASE__PROVIDER), which is not a database")]
    [InlineData("Host=db;Database=kf;Password=" + Canary, "(from KEYFOLIO_DATABASE__PROVIDER) is not a database Keyfolio can keep its data in")]
    public void An_unknown_provider_is_refused_naming_the_setting_and_the_choices_and_a_pasted_connection_string_is_not_repeated(string provider, string problem)
    {
        _environment[ProviderVariable] = provider;

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("Database:Provider", refused.Setting);
        Assert.Contains("The setting Database:Provider ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Use sqlite", refused.Fix, StringComparison.Ordinal);
        Assert.Contains("postgresql (with Database:ConnectionString)", refused.Fix, StringComparison.Ordinal);
        Assert.Contains("Or unset " + ProviderVariable, refused.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, refused.Message + refused.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Postgresql_without_a_connection_string_is_refused_naming_both_settings_and_the_variable(string? connectionString)
    {
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Database": {"Provider": "postgresql"}}""");
        _environment[ConnectionVariable] = connectionString;

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("Database:ConnectionString", refused.Setting);
        Assert.Contains($"The setting Database:Provider is postgresql (from {Path.Combine(_data, "appsettings.json")}), but Database:ConnectionString is not set", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Set " + ConnectionVariable, refused.Fix, StringComparison.Ordinal);
        Assert.Contains("Or set Database:Provider to sqlite", refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_while_the_provider_is_sqlite_is_refused_not_ignored_without_repeating_it()
    {
        var file = Path.Combine(_data, "appsettings.json");
        File.WriteAllText(file, $$$"""{"Database": {"ConnectionString": "Host=db;Database=kf;Password={{{Canary}}}"}}""");
        var unsetProvider = Assert.Throws<KeyfolioSettingException>(Load);
        _environment[ProviderVariable] = "sqlite";
        var sqliteProvider = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("Database:ConnectionString", unsetProvider.Setting);
        Assert.Contains($"The setting Database:ConnectionString is set (from {file}), but Database:Provider is not set, so it is sqlite: the data would be kept in the SQLite file, not in that database.", unsetProvider.Message, StringComparison.Ordinal);
        Assert.Contains($"set Database:Provider to postgresql ({ProviderVariable}", unsetProvider.Fix, StringComparison.Ordinal);
        Assert.Contains($"remove Database:ConnectionString from {file}", unsetProvider.Fix, StringComparison.Ordinal);
        Assert.Contains($"but Database:Provider is sqlite (from {ProviderVariable})", sqliteProvider.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, unsetProvider.Message + unsetProvider.Fix + sqliteProvider.Message + sqliteProvider.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Database=kf;Password=" + Canary + ";Colour=blue", "not in Npgsql's form")]
    [InlineData("Database=kf;Username=kf;Password=" + Canary, "names no host")]
    [InlineData("Host=db;Port=" + Canary + ";Database=kf", "cannot be used: ")]
    [InlineData("postgresql://kf:" + Canary + "@db:5432/", "names no database")]
    [InlineData("postgresql://kf:" + Canary + "@db/kf?sslmode=" + Canary, "gives SSL Mode a value Npgsql does not accept")]
    [InlineData("postgresql://kf:" + Canary + "@db/kf?password=x", "has a parameter Keyfolio does not read")]
    [InlineData("postgresql://kf:Pass@word?" + Canary + "@db/kf", "has a parameter Keyfolio does not read (it is not repeated here")]
    public void An_unreadable_connection_string_is_refused_with_the_reason_prefixed_by_the_setting_and_no_part_of_its_password(string connectionString, string reason)
    {
        _environment[ProviderVariable] = "postgresql";
        _environment[ConnectionVariable] = connectionString;

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("Database:ConnectionString", refused.Setting);
        Assert.StartsWith($"The setting Database:ConnectionString (from {ConnectionVariable}) cannot be used: ", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Message.Contains(reason, StringComparison.Ordinal), refused.Message);
        Assert.DoesNotContain("(Parameter", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"Correct Database:ConnectionString in {ConnectionVariable}", refused.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, refused.Message + refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_and_serve_give_the_core_the_configured_store()
    {
        _environment[ProviderVariable] = "postgresql";
        _environment[ConnectionVariable] = $"postgresql://kf:{Canary}@db/keyfolio";
        var settings = Load();
        var served = new KeyfolioCoreOptions { DataDirectory = _data };

        var command = CliSession.CoreOptions(settings);
        Keyfolio.Cli.Commands.ServeCommand.ApplySettings(served, settings);

        Assert.Same(settings.Store, command.Store);
        Assert.Equal(_data, command.DataDirectory);
        Assert.Same(settings.Store, served.Store);
        Assert.Same(StoreLocation.Sqlite, CliSession.CoreOptions(settings with { Store = StoreLocation.Sqlite }).Store);
    }

    [Fact]
    public async Task A_command_stops_at_start_on_a_connection_string_without_postgresql_and_prints_no_password()
    {
        var environment = new Dictionary<string, string?> { [ConnectionVariable] = $"postgresql://kf:{Canary}@db/keyfolio" };

        var run = await KeyfolioProcess.RunAsync(_data, null, environment, "connections");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Error: The setting Database:ConnectionString is set (from {ConnectionVariable}), but Database:Provider is not set", run.Error, StringComparison.Ordinal);
        Assert.Contains("Fix: To use PostgreSQL, set Database:Provider to postgresql", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, run.Error + run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "keyfolio.db")), "The command made the SQLite file despite the refused setting.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void For_the_move_the_connection_string_names_the_target_whatever_the_provider_and_the_store_stays_the_sqlite_file(string? provider)
    {
        _environment[ProviderVariable] = provider;
        _environment[ConnectionVariable] = $"postgresql://kf:{Canary}@db.example.org/keyfolio";

        var settings = KeyfolioConfiguration.Load(name => _environment.GetValueOrDefault(name), _program, storeMove: true);

        Assert.Same(StoreLocation.Sqlite, settings.Store);
        Assert.Equal("PostgreSQL database keyfolio on db.example.org:5432 as kf", settings.MoveTarget?.ToString());
        Assert.True(settings.MoveTarget!.CarriesPassword);
        Assert.DoesNotContain(Canary, settings.ToString(), StringComparison.Ordinal);

        // Any other command goes on refusing a connection string beside the SQLite provider, and never has a move target.
        if (provider == "postgresql")
        {
            Assert.Null(Load().MoveTarget);
        }
        else
        {
            Assert.Throws<KeyfolioSettingException>(Load);
        }
    }

    [Fact]
    public void For_the_move_an_unknown_provider_and_an_unreadable_connection_string_are_refused_as_at_any_start()
    {
        _environment[ProviderVariable] = "postgres";
        Assert.Throws<KeyfolioSettingException>(() => KeyfolioConfiguration.Load(name => _environment.GetValueOrDefault(name), _program, storeMove: true));

        _environment[ProviderVariable] = null;
        _environment[ConnectionVariable] = $"Host=db;Database=kf;Password={Canary};Port=abc";
        var refused = Assert.Throws<KeyfolioSettingException>(() => KeyfolioConfiguration.Load(name => _environment.GetValueOrDefault(name), _program, storeMove: true));
        Assert.DoesNotContain(Canary, refused.Message + refused.Fix, StringComparison.Ordinal);
    }

    private KeyfolioSettings Load() => KeyfolioConfiguration.Load(name => _environment.GetValueOrDefault(name), _program);
}
