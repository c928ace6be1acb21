using System.Globalization;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Cli.Configuration;

/// <summary>
/// Reads Keyfolio's settings, later sources winning: <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c>
/// beside the executable, the same two files in the data directory, then environment variables (<c>KEYFOLIO_</c> and
/// the setting's path with <c>__</c> between sections: <c>KEYFOLIO_SYNC__INTERVAL</c>). Command-line options win over
/// all of them; the commands apply those. Every value is checked here, at start, and a bad one stops the command
/// with a message naming the setting, where it came from and the fix (<see cref="KeyfolioSettingException"/>).
/// </summary>
internal static partial class KeyfolioConfiguration
{
    public const string EnvironmentPrefix = "KEYFOLIO_";
    public const string FileName = "appsettings.json";

    /// <summary>The one place the webhook's signing secret is read from: never a file, never a setting that is echoed.</summary>
    public const string WebhookSecretVariable = "KEYFOLIO_ALERTS__WEBHOOK__SECRET";

    /// <summary>The one place the mail server's password is read from.</summary>
    public const string SmtpPasswordVariable = "KEYFOLIO_ALERTS__SMTP__PASSWORD";

    /// <summary>Reads and checks every source.</summary>
    /// <param name="getEnvironmentVariable">The process environment (a test passes its own).</param>
    /// <param name="programDirectory">Where the executable is (<see cref="AppContext.BaseDirectory"/>).</param>
    /// <param name="storeMove">For <c>keyfolio migrate-store</c>: the store is the SQLite file the move reads, and
    /// <c>Database:ConnectionString</c> names the database it moves into (<see cref="KeyfolioSettings.MoveTarget"/>),
    /// whatever <c>Database:Provider</c> says.</param>
    /// <exception cref="KeyfolioSettingException">A file is not valid JSON, or a value cannot be used.</exception>
    public static KeyfolioSettings Load(Func<string, string?> getEnvironmentVariable, string programDirectory, bool storeMove = false)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentException.ThrowIfNullOrEmpty(programDirectory);
        var environment = Environment(getEnvironmentVariable);
        var environmentName = Text(getEnvironmentVariable(EnvironmentPrefix + "ENVIRONMENT")) ?? "Production";

        // The data directory is found first, from everything but the data directory's own files.
        var programFiles = Files(programDirectory, environmentName);
        var first = Build(programFiles, environment);
        var dataDirectory = Text(getEnvironmentVariable(Core.Storage.DataDirectory.EnvironmentVariable)) is { } home
            ? Path.GetFullPath(home)
            : Text(first["DataDirectory"]) is { } configured
                ? Path.GetFullPath(configured)
                : Core.Storage.DataDirectory.Resolve(getEnvironmentVariable);

        var dataFiles = Files(dataDirectory, environmentName);
        var all = Build([.. programFiles, .. dataFiles], environment);
        foreach (var (key, variable, what) in new[] { ("Alerts:Webhook:Secret", WebhookSecretVariable, "the webhook's secret"), ("Alerts:Smtp:Password", SmtpPasswordVariable, "the mail server's password") })
        {
            if (Read(all, key) is { Source: var secretFile })
            {
                // Never echoed: the value is a secret.
                throw new KeyfolioSettingException(
                    key,
                    $"{secretFile} holds {what}, which Keyfolio does not read from a file.",
                    $"Remove it from {secretFile} and give it in the environment variable {variable}.");
            }
        }

        foreach (var file in dataFiles)
        {
            if (Read(all, "DataDirectory") is { Source: var source } && source == file)
            {
                throw new KeyfolioSettingException(
                    "DataDirectory",
                    $"{file} sets DataDirectory, but it is itself in the data directory.",
                    $"Remove DataDirectory from {file}; set it in the {FileName} beside the program, or with KEYFOLIO_HOME.");
            }
        }

        return new KeyfolioSettings
        {
            DataDirectory = dataDirectory,
            EnvironmentName = environmentName,
            Urls = List(all, "Server:Urls"),
            AllowRemote = Boolean(all, "Server:AllowRemote") ?? false,
            InsecureHttp = Boolean(all, "Server:InsecureHttp") ?? false,
            AllowedHosts = List(all, "Server:AllowedHosts") ?? [],
            SyncInterval = Duration(all, "Sync:Interval", Preferences.MinSyncInterval, Preferences.MaxSyncInterval, "5m"),
            SyncLeasePeriod = Duration(all, "Sync:LeasePeriod", TimeSpan.FromSeconds(3), TimeSpan.FromHours(1), "2m"),
            SharedEgressAddress = SharedAddress(all),
            AutoLockIdle = Duration(all, "Vault:AutoLock:Idle", Preferences.MinAutoLockIdle, Preferences.MaxAutoLockIdle, "15m"),
            AutoLockAbsolute = AbsoluteAutoLock(all),
            LogLevel = Level(all),
            LogFormat = Format(all),
            MetricsPrometheus = Boolean(all, "Metrics:Prometheus") ?? false,
            MetricsAllowRemote = Boolean(all, "Metrics:AllowRemote") ?? false,
            OtlpMetricsEndpoint = Endpoint(all, "Metrics:Otlp:Endpoint"),
            OtlpTracesEndpoint = Endpoint(all, "Traces:Otlp:Endpoint"),
            OtlpProtocol = Protocol(all),
            AlertsWebhookUrl = WebhookUrl(all),
            AlertsWebhookPreset = Preset(all),
            AlertsLanguage = AlertLanguage(all),
            AlertsEmail = Email(all),
            AlertsStaleAfter = Duration(all, "Alerts:StaleAfter", TimeSpan.FromHours(1), TimeSpan.FromDays(30), "1d"),
            AlertsValueDropPercent = ValueDrop(all),
            AlertsIncludeFigures = Boolean(all, "Alerts:IncludeFigures"),
            FastConnect = FastApi(all),
            EgressEchoUrl = EchoUrl(all),
            Store = storeMove ? StoreLocation.Sqlite : Store(all),
            MoveTarget = storeMove ? MoveTarget(all) : null,
            Files = [.. programFiles.Concat(dataFiles).Where(File.Exists)],
        };
    }

    /// <summary>The environment variable that sets <paramref name="key"/> (<c>Sync:Interval</c> → <c>KEYFOLIO_SYNC__INTERVAL</c>).</summary>
    public static string VariableFor(string key) => EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();

    private static Dictionary<string, string?> Environment(Func<string, string?> getEnvironmentVariable)
    {
        // Only the variables of settings Keyfolio reads: the process environment is not copied wholesale.
        string[] keys = ["DataDirectory", "Server:Urls", "Server:AllowRemote", "Server:InsecureHttp", "Server:AllowedHosts", "Sync:Interval", "Sync:LeasePeriod", "Sync:SharedEgressAddress", "Vault:AutoLock:Idle", "Vault:AutoLock:Absolute", "Logging:LogLevel:Default", "Logging:Format", "Metrics:Prometheus", "Metrics:AllowRemote", "Metrics:Otlp:Endpoint", "Traces:Otlp:Endpoint", "Otlp:Protocol", "Alerts:Webhook:Url", "Alerts:Webhook:Preset", "Alerts:Language", "Alerts:StaleAfter", "Alerts:ValueDropPercent", "Alerts:IncludeFigures", "Alerts:Smtp:Host", "Alerts:Smtp:Port", "Alerts:Smtp:Security", "Alerts:Smtp:UserName", "Alerts:Smtp:From", "Alerts:Smtp:To", "Alerts:Smtp:CertificateSha256", .. FastApiKeys, "EgressIp:EchoUrl", .. DatabaseKeys];
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            if (getEnvironmentVariable(VariableFor(key)) is { } value)
            {
                values[key] = value;
            }
        }

        return values;
    }

    private static string[] Files(string directory, string environmentName) =>
        [Path.Combine(directory, FileName), Path.Combine(directory, $"appsettings.{environmentName}.json")];

    private static IConfigurationRoot Build(IEnumerable<string> files, IReadOnlyDictionary<string, string?> environment)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in files)
        {
            builder.AddJsonFile(source =>
            {
                source.Path = Path.GetFileName(file);
                source.FileProvider = Directory.Exists(Path.GetDirectoryName(file)) ? new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(file)!) : null;
                source.Optional = true;
                source.ReloadOnChange = false;
            });
        }

        builder.Add(new EnvironmentSource(environment));
        try
        {
            return builder.Build();
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            var file = files.FirstOrDefault(f => exception.Message.Contains(Path.GetFileName(f), StringComparison.Ordinal) && File.Exists(f)) ?? string.Join(" or ", files.Where(File.Exists));
            throw new KeyfolioSettingException(
                FileName,
                $"{file} is not valid JSON: {exception.GetBaseException().Message}",
                $"Correct {file} (it is a JSON object such as {{\"Sync\": {{\"Interval\": \"5m\"}}}}), or remove it.");
        }
    }

    private static (string Value, string Source)? Read(IConfigurationRoot configuration, string key)
    {
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (provider.TryGet(key, out var value) && value is not null)
            {
                return (value, Describe(provider, key));
            }
        }

        return null;
    }

    private static string Describe(IConfigurationProvider provider, string key) => provider switch
    {
        JsonConfigurationProvider json when json.Source.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider files => Path.Combine(files.Root, json.Source.Path ?? FileName),
        EnvironmentProvider => VariableFor(key),
        _ => key,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<string>? List(IConfigurationRoot configuration, string key)
    {
        // A JSON array ("Urls": ["…", "…"]) or one string separated by spaces, ',' or ';' (as an environment variable is).
        var items = configuration.GetSection(key).GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        if (items.Count > 0)
        {
            return items;
        }

        return Read(configuration, key) is { Value: var text }
            ? [.. text.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : null;
    }

    /// <summary><c>EgressIp:EchoUrl</c>: an https address (or http on loopback) that answers with the caller's address.</summary>
    private static Uri? EchoUrl(IConfigurationRoot configuration)
    {
        const string Key = "EgressIp:EchoUrl";
        if (Read(configuration, Key) is not { } read)
        {
            return null;
        }

        return Uri.TryCreate(read.Value.Trim(), UriKind.Absolute, out var echo) && (echo.Scheme == Uri.UriSchemeHttps || (echo.Scheme == Uri.UriSchemeHttp && echo.IsLoopback)) && echo.UserInfo.Length == 0
            ? echo
            : throw Bad(Key, read, "is not an https address", "Give a service that answers with your public IP address as plain text, such as https://api.ipify.org.");
    }

    /// <summary><c>Sync:SharedEgressAddress</c>: any name of up to 100 printable characters, the same on every node behind the address; blank is unset.</summary>
    private static string? SharedAddress(IConfigurationRoot configuration)
    {
        const string Key = "Sync:SharedEgressAddress";
        if (Read(configuration, Key) is not { } read || string.IsNullOrWhiteSpace(read.Value))
        {
            return null;
        }

        var name = read.Value.Trim();
        return name.Length <= 100 && !name.Any(char.IsControl)
            ? name
            : throw Bad(Key, read, "is not a name of 1 to 100 printable characters", "Give every node behind the one address the same short name, such as nat-gateway-1.");
    }

    /// <summary><c>Alerts:ValueDropPercent</c>: a whole number of per cent from 1 to 90, or <c>off</c>.</summary>
    private static int? ValueDrop(IConfigurationRoot configuration)
    {
        if (Read(configuration, "Alerts:ValueDropPercent") is not { } read || read.Value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return int.TryParse(read.Value.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 90
            ? percent
            : throw Bad("Alerts:ValueDropPercent", read, "is not a share from 1 to 90 per cent", "Write a whole number such as 10, or off.");
    }

    private static bool? Boolean(IConfigurationRoot configuration, string key)
    {
        if (Read(configuration, key) is not { } read)
        {
            return null;
        }

        return read.Value.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => throw Bad(key, read, "is not true or false", "Set it to true or false."),
        };
    }

    private static TimeSpan? Duration(IConfigurationRoot configuration, string key, TimeSpan minimum, TimeSpan maximum, string example)
    {
        if (Read(configuration, key) is not { } read)
        {
            return null;
        }

        if (!TryParseDuration(read.Value, out var value))
        {
            throw Bad(key, read, "is not a duration", $"Write it as a number and a unit (30s, {example}, 2h, 1d) or as hh:mm:ss.");
        }

        if (value < minimum || value > maximum)
        {
            throw Bad(key, read, $"is outside {Say(minimum)} to {Say(maximum)}", $"Choose a duration from {Say(minimum)} to {Say(maximum)}, for example {example}.");
        }

        return value;
    }

    private static TimeSpan? AbsoluteAutoLock(IConfigurationRoot configuration)
    {
        var absolute = Duration(configuration, "Vault:AutoLock:Absolute", Preferences.MinAutoLockIdle, Preferences.MaxAutoLockAbsolute, "12h");
        var idle = Duration(configuration, "Vault:AutoLock:Idle", Preferences.MinAutoLockIdle, Preferences.MaxAutoLockIdle, "15m") ?? new Keyfolio.Vault.VaultOptions().IdleTimeout;
        if (absolute is { } value && value < idle && Read(configuration, "Vault:AutoLock:Absolute") is { } read)
        {
            throw Bad("Vault:AutoLock:Absolute", read, $"is shorter than Vault:AutoLock:Idle ({Say(idle)})", "The longest time unlocked must be at least the time without activity: raise it, or lower Vault:AutoLock:Idle.");
        }

        return absolute;
    }

    private static LogLevel? Level(IConfigurationRoot configuration)
    {
        const string Key = "Logging:LogLevel:Default";
        if (Read(configuration, Key) is not { } read)
        {
            return null;
        }

        return Enum.TryParse<LogLevel>(read.Value.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(read.Value, CultureInfo.InvariantCulture, out _)
            ? level
            : throw Bad(Key, read, "is not a log level", "Use one of Trace, Debug, Information, Warning, Error, Critical or None.");
    }

    private static LogFormat Format(IConfigurationRoot configuration)
    {
        const string Key = "Logging:Format";
        if (Read(configuration, Key) is not { } read)
        {
            return LogFormat.Text;
        }

        return read.Value.Trim().ToUpperInvariant() switch
        {
            "TEXT" => LogFormat.Text,
            "JSON" => LogFormat.Json,
            _ => throw Bad(Key, read, "is not a log format", "Use text (one line per entry) or json (one JSON object per line)."),
        };
    }

    private static Uri? Endpoint(IConfigurationRoot configuration, string key)
    {
        if (Read(configuration, key) is not { } read)
        {
            return null;
        }

        return Uri.TryCreate(read.Value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : throw Bad(key, read, "is not an http or https address", "Give the collector's address, such as http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318 (HTTP), without a user name or password in it.");
    }

    private static Uri? WebhookUrl(IConfigurationRoot configuration)
    {
        const string Key = "Alerts:Webhook:Url";
        if (Read(configuration, Key) is not { } read)
        {
            return null;
        }

        // The value is not repeated: a Slack or Discord address carries the token that lets anyone post.
        return Uri.TryCreate(read.Value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new KeyfolioSettingException(
                Key,
                $"The setting {Key} (from {read.Source}) is not an http or https address.",
                "Give the receiver's whole address, such as https://ntfy.sh/my-topic or http://127.0.0.1:8080/keyfolio."
                + (read.Source.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) ? $" Or unset {read.Source}." : string.Empty));
    }

    private static Keyfolio.Core.Alerts.WebhookPreset Preset(IConfigurationRoot configuration) => Choice(
        configuration,
        "Alerts:Webhook:Preset",
        Keyfolio.Core.Alerts.WebhookPreset.Json,
        new Dictionary<string, Keyfolio.Core.Alerts.WebhookPreset>(StringComparer.OrdinalIgnoreCase)
        {
            ["json"] = Keyfolio.Core.Alerts.WebhookPreset.Json,
            ["ntfy"] = Keyfolio.Core.Alerts.WebhookPreset.Ntfy,
            ["slack"] = Keyfolio.Core.Alerts.WebhookPreset.Slack,
            ["discord"] = Keyfolio.Core.Alerts.WebhookPreset.Discord,
        },
        "is not a webhook form Keyfolio knows",
        "Use json (Keyfolio's signed JSON), ntfy, slack or discord.");

    /// <summary>The value of a setting that takes one of a few words (compared without case), else <paramref name="unset"/>.</summary>
    private static T Choice<T>(IConfigurationRoot configuration, string key, T unset, IReadOnlyDictionary<string, T> choices, string problem, string fix)
    {
        if (Read(configuration, key) is not { } read)
        {
            return unset;
        }

        return choices.TryGetValue(read.Value.Trim(), out var value) ? value : throw Bad(key, read, problem, fix);
    }

    private static Keyfolio.Core.Alerts.EmailOptions? Email(IConfigurationRoot configuration)
    {
        if (Read(configuration, "Alerts:Smtp:Host") is not { } host)
        {
            foreach (var other in new[] { "Alerts:Smtp:From", "Alerts:Smtp:To", "Alerts:Smtp:UserName" })
            {
                if (Read(configuration, other) is { } stray)
                {
                    throw new KeyfolioSettingException(other, $"The setting {other} (from {stray.Source}) is set, but Alerts:Smtp:Host is not, so no e-mail would be sent.", $"Set Alerts:Smtp:Host ({VariableFor("Alerts:Smtp:Host")}) to the mail server, or remove {other}.");
                }
            }

            return null;
        }

        var email = new Keyfolio.Core.Alerts.EmailOptions
        {
            Host = host.Value.Trim(),
            UserName = Text(Read(configuration, "Alerts:Smtp:UserName")?.Value),
            From = Text(Read(configuration, "Alerts:Smtp:From")?.Value),
            CertificateSha256 = Text(Read(configuration, "Alerts:Smtp:CertificateSha256")?.Value)?.Replace(":", string.Empty, StringComparison.Ordinal),
        };
        if (Read(configuration, "Alerts:Smtp:Port") is { } port)
        {
            email.Port = int.TryParse(port.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
                ? number
                : throw Bad("Alerts:Smtp:Port", port, "is not a port", "Use the mail server's port: 587 for STARTTLS, 465 for TLS.");
        }

        email.Security = Choice(
            configuration,
            "Alerts:Smtp:Security",
            Keyfolio.Core.Alerts.SmtpSecurity.StartTls,
            new Dictionary<string, Keyfolio.Core.Alerts.SmtpSecurity>(StringComparer.OrdinalIgnoreCase)
            {
                ["starttls"] = Keyfolio.Core.Alerts.SmtpSecurity.StartTls,
                ["tls"] = Keyfolio.Core.Alerts.SmtpSecurity.Tls,
                ["ssl"] = Keyfolio.Core.Alerts.SmtpSecurity.Tls,
                ["none"] = Keyfolio.Core.Alerts.SmtpSecurity.None,
            },
            "is not a way to protect SMTP",
            "Use starttls (port 587), tls (port 465), or none for a relay on this machine.");

        foreach (var to in List(configuration, "Alerts:Smtp:To") ?? [])
        {
            email.To.Add(to);
        }

        try
        {
            email.Validate();
        }
        catch (ArgumentException exception)
        {
            var key = "Alerts:Smtp:" + exception.ParamName;
            throw new KeyfolioSettingException(key, $"The e-mail settings cannot be used: {exception.Message.Split(" (Parameter", 2)[0]}", $"Correct {key} ({VariableFor(key)} or an appsettings.json).");
        }

        return email;
    }

    private static string? AlertLanguage(IConfigurationRoot configuration) => Choice<string?>(
        configuration,
        "Alerts:Language",
        null,
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["en"] = "en", ["zh"] = "zh-Hans", ["zh-Hans"] = "zh-Hans", ["zh-CN"] = "zh-Hans", ["zh-Hant"] = "zh-Hant", ["ja"] = "ja", ["ko"] = "ko" },
        "is not a language alerts are written in",
        "Use en, zh (Simplified Chinese), zh-Hant (Traditional Chinese), ja or ko.");

    private static Keyfolio.Web.Telemetry.OtlpTransport Protocol(IConfigurationRoot configuration) => Choice(
        configuration,
        "Otlp:Protocol",
        Keyfolio.Web.Telemetry.OtlpTransport.Grpc,
        new Dictionary<string, Keyfolio.Web.Telemetry.OtlpTransport>(StringComparer.OrdinalIgnoreCase)
        {
            ["grpc"] = Keyfolio.Web.Telemetry.OtlpTransport.Grpc,
            ["http"] = Keyfolio.Web.Telemetry.OtlpTransport.HttpProtobuf,
            ["http/protobuf"] = Keyfolio.Web.Telemetry.OtlpTransport.HttpProtobuf,
        },
        "is not an OTLP protocol",
        "Use grpc or http/protobuf.");

    /// <summary>"30s", "5m", "2h", "1d" or "hh:mm:ss".</summary>
    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && char.IsAsciiLetter(trimmed[^1])
            && long.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 100_000)
        {
            TimeSpan? unit = char.ToLowerInvariant(trimmed[^1]) switch
            {
                's' => TimeSpan.FromSeconds(count),
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                'd' => TimeSpan.FromDays(count),
                _ => null,
            };
            if (unit is { } parsed)
            {
                value = parsed;
                return true;
            }

            return false;
        }

        return trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    private static string Say(TimeSpan value) =>
        value.TotalDays >= 1 && value.TotalDays == Math.Floor(value.TotalDays) ? $"{value.TotalDays:0} d"
        : value.TotalHours >= 1 && value.TotalHours == Math.Floor(value.TotalHours) ? $"{value.TotalHours:0} h"
        : value.TotalMinutes >= 1 && value.TotalMinutes == Math.Floor(value.TotalMinutes) ? $"{value.TotalMinutes:0} min"
        : $"{value.TotalSeconds:0} s";

    private static KeyfolioSettingException Bad(string key, (string Value, string Source) read, string problem, string fix) =>
        new(key, $"The setting {key} is \"{read.Value}\" (from {read.Source}), which {problem}.", fix + (read.Source.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) ? $" Or unset {read.Source}." : string.Empty));

    /// <summary>The environment variables Keyfolio reads, as a configuration source of their own (so a message can name the variable).</summary>
    private sealed class EnvironmentSource(IReadOnlyDictionary<string, string?> values) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvironmentProvider(values);
    }

    private sealed class EnvironmentProvider : ConfigurationProvider
    {
        public EnvironmentProvider(IReadOnlyDictionary<string, string?> values)
        {
            foreach (var (key, value) in values)
            {
                Data[key] = value;
            }
        }
    }
}
