using Keyfolio.Cli.Configuration;
using Keyfolio.Cli.Tests.Support;
using Keyfolio.Core.Settings;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Cli.Tests.Configuration;

/// <summary>
/// Settings from files beside the program, files in the data directory and KEYFOLIO_ variables, in that order of
/// precedence, each checked at start with a message that names the setting, where it came from and the fix.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _program = Directory.CreateTempSubdirectory("keyfolio-config-program-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("keyfolio-config-data-").FullName;
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public ConfigurationTests() => _environment["KEYFOLIO_HOME"] = _data;

    public void Dispose()
    {
        Directory.Delete(_program, recursive: true);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void Later_sources_win_program_files_then_data_directory_files_then_environment_variables()
    {
        File.WriteAllText(Path.Combine(_program, "appsettings.json"), """{"Sync": {"Interval": "10m"}, "Vault": {"AutoLock": {"Idle": "20m"}}, "Logging": {"Format": "json"}}""");
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Sync": {"Interval": "20m"}, "Vault": {"AutoLock": {"Idle": "30m"}}}""");
        _environment["KEYFOLIO_SYNC__INTERVAL"] = "00:30:00";

        var all = Load();
        _environment.Remove("KEYFOLIO_SYNC__INTERVAL");
        var files = Load();
        File.Delete(Path.Combine(_data, "appsettings.json"));
        var programOnly = Load();

        Assert.Equal(TimeSpan.FromMinutes(30), all.SyncInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), all.AutoLockIdle);
        Assert.Equal(LogFormat.Json, all.LogFormat);
        Assert.Equal(TimeSpan.FromMinutes(20), files.SyncInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), programOnly.SyncInterval);
        Assert.Equal(TimeSpan.FromMinutes(20), programOnly.AutoLockIdle);
    }

    [Fact]
    public void The_environments_own_file_wins_over_appsettings_json_in_the_same_folder()
    {
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Sync": {"Interval": "5m"}, "Logging": {"LogLevel": {"Default": "Warning"}}}""");
        File.WriteAllText(Path.Combine(_data, "appsettings.Staging.json"), """{"Sync": {"Interval": "2h"}}""");

        var production = Load();
        _environment["KEYFOLIO_ENVIRONMENT"] = "Staging";
        var staging = Load();

        Assert.Equal(TimeSpan.FromMinutes(5), production.SyncInterval);
        Assert.Equal(TimeSpan.FromHours(2), staging.SyncInterval);
        Assert.Equal("Staging", staging.EnvironmentName);
        Assert.Equal(LogLevel.Warning, staging.LogLevel);
        Assert.Equal([Path.Combine(_data, "appsettings.json"), Path.Combine(_data, "appsettings.Staging.json")], staging.Files);
    }

    [Fact]
    public void The_data_directory_comes_from_KEYFOLIO_HOME_over_the_programs_file_and_its_own_file_may_not_move_it()
    {
        var elsewhere = Path.Combine(_program, "elsewhere");
        File.WriteAllText(Path.Combine(_program, "appsettings.json"), $$"""{"DataDirectory": "{{elsewhere.Replace("\\", "\\\\", StringComparison.Ordinal)}}"}""");

        var fromHome = Load();
        _environment.Remove("KEYFOLIO_HOME");
        var fromFile = Load();
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "appsettings.json"), """{"DataDirectory": "/somewhere/else"}""");
        var moved = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal(_data, fromHome.DataDirectory);
        Assert.Equal(elsewhere, fromFile.DataDirectory);
        Assert.Equal("DataDirectory", moved.Setting);
        Assert.Contains(Path.Combine(elsewhere, "appsettings.json"), moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_settings_read_lists_as_json_arrays_or_as_one_separated_string()
    {
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Server": {"Urls": ["http://127.0.0.1:6001", "http://[::1]:6001"], "AllowRemote": true, "InsecureHttp": "yes"}}""");
        _environment["KEYFOLIO_SERVER__ALLOWEDHOSTS"] = "keyfolio.example.org, 192.168.1.20";

        var settings = Load();

        Assert.Equal(["http://127.0.0.1:6001", "http://[::1]:6001"], settings.Urls);
        Assert.True(settings.AllowRemote);
        Assert.True(settings.InsecureHttp);
        Assert.Equal(["keyfolio.example.org", "192.168.1.20"], settings.AllowedHosts);
    }

    [Fact]
    public void Metrics_and_traces_are_off_unless_set_and_the_otlp_settings_are_read_from_files_and_variables()
    {
        var unset = Load();
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Metrics": {"Prometheus": true, "Otlp": {"Endpoint": "http://127.0.0.1:4318"}}, "Otlp": {"Protocol": "http/protobuf"}}""");
        _environment["KEYFOLIO_METRICS__ALLOWREMOTE"] = "true";
        _environment["KEYFOLIO_TRACES__OTLP__ENDPOINT"] = "https://collector.example.org:4318/v1/traces";
        var set = Load();

        Assert.False(unset.MetricsPrometheus);
        Assert.False(unset.MetricsAllowRemote);
        Assert.Null(unset.OtlpMetricsEndpoint);
        Assert.Null(unset.OtlpTracesEndpoint);
        Assert.Equal(Keyfolio.Web.Telemetry.OtlpTransport.Grpc, unset.OtlpProtocol);
        Assert.True(set.MetricsPrometheus);
        Assert.True(set.MetricsAllowRemote);
        Assert.Equal(new Uri("http://127.0.0.1:4318"), set.OtlpMetricsEndpoint);
        Assert.Equal(new Uri("https://collector.example.org:4318/v1/traces"), set.OtlpTracesEndpoint);
        Assert.Equal(Keyfolio.Web.Telemetry.OtlpTransport.HttpProtobuf, set.OtlpProtocol);
    }

    [Theory]
    [InlineData("KEYFOLIO_SYNC__INTERVAL", "abc", "Sync:Interval", "not a duration")]
    [InlineData("KEYFOLIO_SYNC__INTERVAL", "30s", "Sync:Interval", "outside 1 min to 1 d")]
    [InlineData("KEYFOLIO_SYNC__INTERVAL", "-00:05:00", "Sync:Interval", "not a duration")]
    [InlineData("KEYFOLIO_SYNC__LEASEPERIOD", "1s", "Sync:LeasePeriod", "outside 3 s to 1 h")]
    [InlineData("KEYFOLIO_SYNC__SHAREDEGRESSADDRESS", "nat\u0007gateway", "Sync:SharedEgressAddress", "not a name of 1 to 100 printable characters")]
    [InlineData("KEYFOLIO_SYNC__SHAREDEGRESSADDRESS", "nat-gateway-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789", "Sync:SharedEgressAddress", "not a name of 1 to 100 printable characters")]
    [InlineData("KEYFOLIO_VAULT__AUTOLOCK__IDLE", "2d", "Vault:AutoLock:Idle", "outside 1 min to 1 d")]
    [InlineData("KEYFOLIO_VAULT__AUTOLOCK__ABSOLUTE", "5m", "Vault:AutoLock:Absolute", "shorter than Vault:AutoLock:Idle")]
    [InlineData("KEYFOLIO_LOGGING__LOGLEVEL__DEFAULT", "Loud", "Logging:LogLevel:Default", "not a log level")]
    [InlineData("KEYFOLIO_LOGGING__LOGLEVEL__DEFAULT", "3", "Logging:LogLevel:Default", "not a log level")]
    [InlineData("KEYFOLIO_LOGGING__FORMAT", "xml", "Logging:Format", "not a log format")]
    [InlineData("KEYFOLIO_SERVER__ALLOWREMOTE", "maybe", "Server:AllowRemote", "not true or false")]
    [InlineData("KEYFOLIO_METRICS__PROMETHEUS", "on", "Metrics:Prometheus", "not true or false")]
    [InlineData("KEYFOLIO_METRICS__OTLP__ENDPOINT", "collector:4317", "Metrics:Otlp:Endpoint", "not an http or https address")]
    [InlineData("KEYFOLIO_TRACES__OTLP__ENDPOINT", "http://user:pw@127.0.0.1:4318", "Traces:Otlp:Endpoint", "not an http or https address")]
    [InlineData("KEYFOLIO_OTLP__PROTOCOL", "udp", "Otlp:Protocol", "not an OTLP protocol")]
    [InlineData("KEYFOLIO_ALERTS__WEBHOOK__PRESET", "teams", "Alerts:Webhook:Preset", "not a webhook form Keyfolio knows")]
    [InlineData("KEYFOLIO_ALERTS__LANGUAGE", "fr", "Alerts:Language", "not a language alerts are written in")]
    [InlineData("KEYFOLIO_ALERTS__STALEAFTER", "10m", "Alerts:StaleAfter", "outside 1 h to 30 d")]
    [InlineData("KEYFOLIO_ALERTS__VALUEDROPPERCENT", "95", "Alerts:ValueDropPercent", "not a share from 1 to 90 per cent")]
    [InlineData("KEYFOLIO_ALERTS__INCLUDEFIGURES", "sometimes", "Alerts:IncludeFigures", "not true or false")]
    [InlineData("KEYFOLIO_EGRESSIP__ECHOURL", "http://echo.example.org", "EgressIp:EchoUrl", "not an https address")]
    [InlineData("KEYFOLIO_EGRESSIP__ECHOURL", "api.ipify.org", "EgressIp:EchoUrl", "not an https address")]
    [InlineData("KEYFOLIO_OKXFASTAPI__REDIRECTURI", "keyfolio/callback", "OkxFastApi:RedirectUri", "not a complete address")]
    public void A_bad_variable_is_refused_naming_the_setting_the_variable_and_the_fix(string variable, string value, string setting, string problem)
    {
        _environment[variable] = value;

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal(setting, refused.Setting);
        Assert.Contains($"The setting {setting} is \"{value}\" (from {variable})", refused.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.Contains("unset " + variable, refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shared_egress_address_is_read_trimmed_from_a_file_or_a_variable_and_given_to_the_served_core()
    {
        var unset = Load();
        _environment["KEYFOLIO_SYNC__SHAREDEGRESSADDRESS"] = "   ";
        var blank = Load();
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Sync": {"SharedEgressAddress": " nat-gateway-1 "}}""");
        _environment.Remove("KEYFOLIO_SYNC__SHAREDEGRESSADDRESS");
        var fromFile = Load();
        _environment["KEYFOLIO_SYNC__SHAREDEGRESSADDRESS"] = "office-router";
        var fromVariable = Load();
        var served = new Keyfolio.Core.KeyfolioCoreOptions { DataDirectory = _data };
        Keyfolio.Cli.Commands.ServeCommand.ApplySettings(served, fromVariable);

        Assert.Null(unset.SharedEgressAddress);
        Assert.Null(blank.SharedEgressAddress);
        Assert.Equal("nat-gateway-1", fromFile.SharedEgressAddress);
        Assert.Equal("office-router", fromVariable.SharedEgressAddress);
        Assert.Equal("office-router", served.SharedEgressAddress);
    }

    [Fact]
    public void The_value_drop_and_figures_defaults_are_read_from_a_file_and_a_variable_and_are_off_unless_set()
    {
        var unset = Load();
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Alerts": {"ValueDropPercent": "15%", "IncludeFigures": true}}""");
        var fromFile = Load();
        _environment["KEYFOLIO_ALERTS__VALUEDROPPERCENT"] = "off";
        var turnedOff = Load();

        Assert.Equal((null, null), (unset.AlertsValueDropPercent, unset.AlertsIncludeFigures));
        Assert.Equal((15, true), (fromFile.AlertsValueDropPercent, fromFile.AlertsIncludeFigures));
        Assert.Equal((null, true), (turnedOff.AlertsValueDropPercent, turnedOff.AlertsIncludeFigures));
    }

    [Fact]
    public void Alert_settings_are_read_from_files_and_variables_and_the_webhook_is_off_unless_set()
    {
        var unset = Load();
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Alerts": {"Webhook": {"Url": "https://ntfy.example/keyfolio", "Preset": "ntfy"}, "Language": "zh"}}""");
        var fromFile = Load();
        _environment["KEYFOLIO_ALERTS__WEBHOOK__URL"] = "http://127.0.0.1:8080/hook";
        _environment["KEYFOLIO_ALERTS__WEBHOOK__PRESET"] = "json";
        var fromVariables = Load();

        Assert.Equal((null, Keyfolio.Core.Alerts.WebhookPreset.Json, null), (unset.AlertsWebhookUrl, unset.AlertsWebhookPreset, unset.AlertsLanguage));
        Assert.Equal((new Uri("https://ntfy.example/keyfolio"), Keyfolio.Core.Alerts.WebhookPreset.Ntfy, "zh-Hans"), (fromFile.AlertsWebhookUrl, fromFile.AlertsWebhookPreset, fromFile.AlertsLanguage));
        Assert.Equal((new Uri("http://127.0.0.1:8080/hook"), Keyfolio.Core.Alerts.WebhookPreset.Json), (fromVariables.AlertsWebhookUrl, fromVariables.AlertsWebhookPreset));
        Assert.DoesNotContain("127.0.0.1:8080", fromVariables.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_webhook_address_is_refused_without_repeating_it_for_it_may_carry_a_token()
    {
        _environment["KEYFOLIO_ALERTS__WEBHOOK__URL"] = "hooks.slack.example/services/T0/B0/tok3n-value";

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("Alerts:Webhook:Url", refused.Setting);
        Assert.Contains("(from KEYFOLIO_ALERTS__WEBHOOK__URL) is not an http or https address", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n-value", refused.Message + refused.Fix, StringComparison.Ordinal);
        Assert.Contains("unset KEYFOLIO_ALERTS__WEBHOOK__URL", refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_secret_in_a_file_is_refused_without_repeating_it_and_points_to_the_variable()
    {
        var file = Path.Combine(_data, "appsettings.json");
        File.WriteAllText(file, """{"Alerts": {"Webhook": {"Url": "http://127.0.0.1:8080/hook", "Secret": "file-held-s3cret"}}}""");

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("Alerts:Webhook:Secret", refused.Setting);
        Assert.Contains(file, refused.Message, StringComparison.Ordinal);
        Assert.Contains(KeyfolioConfiguration.WebhookSecretVariable, refused.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("file-held-s3cret", refused.Message + refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_email_channel_is_read_from_files_and_variables_and_checked_as_a_whole()
    {
        var unset = Load();
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"Alerts": {"Smtp": {"Host": "mail.example.org", "UserName": "keyfolio", "From": "keyfolio@example.org", "To": ["me@example.org", "ops@example.org"]}}}""");
        var fromFile = Load();
        _environment["KEYFOLIO_ALERTS__SMTP__PORT"] = "465";
        _environment["KEYFOLIO_ALERTS__SMTP__SECURITY"] = "tls";
        var withVariables = Load();
        _environment["KEYFOLIO_ALERTS__SMTP__SECURITY"] = "none";
        var inTheClear = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Null(unset.AlertsEmail);
        Assert.Equal(("mail.example.org", 587, Keyfolio.Core.Alerts.SmtpSecurity.StartTls, "keyfolio"), (fromFile.AlertsEmail!.Host, fromFile.AlertsEmail.EffectivePort, fromFile.AlertsEmail.Security, fromFile.AlertsEmail.UserName));
        Assert.Equal(["me@example.org", "ops@example.org"], fromFile.AlertsEmail.To);
        Assert.Equal((465, Keyfolio.Core.Alerts.SmtpSecurity.Tls), (withVariables.AlertsEmail!.EffectivePort, withVariables.AlertsEmail.Security));
        Assert.Equal("Alerts:Smtp:Security", inTheClear.Setting);
        Assert.Contains("only to a relay on this machine", inTheClear.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mail_password_in_a_file_is_refused_without_repeating_it()
    {
        var file = Path.Combine(_data, "appsettings.json");
        File.WriteAllText(file, """{"Alerts": {"Smtp": {"Host": "mail.example.org", "From": "a@example.org", "To": "b@example.org", "Password": "file-held-mail-pass"}}}""");

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("Alerts:Smtp:Password", refused.Setting);
        Assert.Contains(KeyfolioConfiguration.SmtpPasswordVariable, refused.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("file-held-mail-pass", refused.Message + refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_okx_fast_api_client_and_the_echo_url_are_read_from_files_and_variables_and_are_unset_unless_given()
    {
        var unset = Load();
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"OkxFastApi": {"ClientId": "kf-broker-client", "KeyLabel": "Keyfolio desk"}, "EgressIp": {"EchoUrl": "https://echo.example.org/ip"}}""");
        var fromFile = Load();
        _environment["KEYFOLIO_OKXFASTAPI__REDIRECTURI"] = "https://keyfolio.example.org/connect/okx/callback";
        _environment["KEYFOLIO_EGRESSIP__ECHOURL"] = "http://127.0.0.1:8088/ip";
        var withVariables = Load();

        Assert.Null(unset.FastConnect);
        Assert.Null(unset.EgressEchoUrl);
        Assert.Equal(("kf-broker-client", "Keyfolio desk", (Uri?)null), (fromFile.FastConnect!.ClientId, fromFile.FastConnect.KeyLabel, fromFile.FastConnect.RedirectUri));
        Assert.Null(fromFile.FastConnect.AuthorizeUrl);
        Assert.Equal(new Uri("https://echo.example.org/ip"), fromFile.EgressEchoUrl);
        Assert.Equal(new Uri("https://keyfolio.example.org/connect/okx/callback"), withVariables.FastConnect!.RedirectUri);
        Assert.Equal(new Uri("http://127.0.0.1:8088/ip"), withVariables.EgressEchoUrl);
    }

    [Theory]
    [InlineData("""{"OkxFastApi": {"KeyLabel": "Keyfolio"}}""", "OkxFastApi:ClientId", "ClientId is not set")]
    [InlineData("""{"OkxFastApi": {"ClientId": "kf client"}}""", "OkxFastApi:ClientId", "contains spaces")]
    [InlineData("""{"OkxFastApi": {"ClientId": "kf", "RedirectUri": "http://keyfolio.example.org/callback"}}""", "OkxFastApi:RedirectUri", "must use https")]
    [InlineData("""{"OkxFastApi": {"ClientId": "kf", "AuthorizeUrl": "https://www.okx.com/account/oauth?x=1"}}""", "OkxFastApi:AuthorizeUrl", "must not have a query")]
    public void An_okx_fast_api_client_is_checked_as_settings_checks_it_naming_the_setting(string json, string setting, string problem)
    {
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), json);

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal(setting, refused.Setting);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.Contains(KeyfolioConfiguration.VariableFor(setting), refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_okx_client_secret_in_a_file_is_refused_without_repeating_it_and_points_to_the_vault()
    {
        File.WriteAllText(Path.Combine(_data, "appsettings.json"), """{"OkxFastApi": {"ClientId": "kf", "ClientSecret": "file-held-okx-secret"}}""");

        var refused = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Equal("OkxFastApi:ClientSecret", refused.Setting);
        Assert.Contains("vault", refused.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("file-held-okx-secret", refused.Message + refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_in_a_file_names_the_file_and_a_file_that_is_not_json_says_so()
    {
        var file = Path.Combine(_data, "appsettings.json");
        File.WriteAllText(file, """{"Sync": {"Interval": "often"}}""");
        var badValue = Assert.Throws<KeyfolioSettingException>(Load);
        File.WriteAllText(file, """{"Sync": """);
        var notJson = Assert.Throws<KeyfolioSettingException>(Load);

        Assert.Contains($"(from {file})", badValue.Message, StringComparison.Ordinal);
        Assert.Contains(file + " is not valid JSON", notJson.Message, StringComparison.Ordinal);
        Assert.Contains("remove it", notJson.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:05:00", 300)]
    [InlineData("1.00:00:00", 86400)]
    public void Durations_are_written_with_a_unit_or_as_a_time_span(string text, int seconds)
    {
        Assert.True(KeyfolioConfiguration.TryParseDuration(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Fact]
    public async Task A_command_stops_at_start_on_a_bad_setting_with_exit_code_2_and_the_fix()
    {
        var run = await KeyfolioProcess.RunAsync(_data, null, new Dictionary<string, string?> { ["KEYFOLIO_SYNC__INTERVAL"] = "soon" }, "connections");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Error: The setting Sync:Interval is \"soon\" (from KEYFOLIO_SYNC__INTERVAL)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Fix: Write it as a number and a unit", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "keyfolio.db")), "The command touched the data directory despite the bad setting.");
    }

    [Fact]
    public async Task Serve_listens_where_the_setting_says_unless_urls_is_given_on_the_command_line()
    {
        var remote = new Dictionary<string, string?> { ["KEYFOLIO_SERVER__URLS"] = "http://0.0.0.0:5080" };
        var fromSetting = await KeyfolioProcess.RunAsync(_data, null, remote, "serve");
        var loopback = new Dictionary<string, string?> { ["KEYFOLIO_SERVER__URLS"] = "http://127.0.0.1:0" };
        var flagWins = await KeyfolioProcess.RunAsync(_data, null, loopback, "serve", "--urls", "http://0.0.0.0:5081");

        Assert.Equal(2, fromSetting.ExitCode);
        Assert.Contains("http://0.0.0.0:5080", fromSetting.Error, StringComparison.Ordinal);
        Assert.Contains("the setting Server:Urls (KEYFOLIO_SERVER__URLS", fromSetting.Error, StringComparison.Ordinal);
        Assert.Equal(2, flagWins.ExitCode);
        Assert.Contains("http://0.0.0.0:5081", flagWins.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Server:Urls", flagWins.Error, StringComparison.Ordinal);
    }

    private KeyfolioSettings Load() => KeyfolioConfiguration.Load(name => _environment.GetValueOrDefault(name), _program);
}

/// <summary>The log settings reach the web host's logging: the level, and one JSON object per line when asked.</summary>
public sealed class ServeLoggingTests
{
    [Fact]
    public void Json_format_switches_the_console_to_the_json_formatter_and_the_level_is_the_minimum()
    {
        var settings = new KeyfolioSettings { DataDirectory = Path.GetTempPath(), EnvironmentName = "Production", LogFormat = LogFormat.Json, LogLevel = LogLevel.Warning };
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        var plain = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();

        Keyfolio.Cli.Commands.ServeCommand.ApplyLogging(builder, settings);
        Keyfolio.Cli.Commands.ServeCommand.ApplyLogging(plain, settings with { LogFormat = LogFormat.Text, LogLevel = null });
        using var app = builder.Build();
        using var plainApp = plain.Build();
        var console = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>(app.Services).Value;
        var plainConsole = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>(plainApp.Services).Value;
        var logger = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ILoggerFactory>(app.Services).CreateLogger("Keyfolio.Test");

        Assert.Equal(Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json, console.FormatterName);
        Assert.NotEqual(Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json, plainConsole.FormatterName);
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }
}
