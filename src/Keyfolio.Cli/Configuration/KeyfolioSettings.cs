using Keyfolio.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Cli.Configuration;

/// <summary>
/// Keyfolio's settings once read from every source and checked (<see cref="KeyfolioConfiguration.Load"/>). A setting
/// left unset is null where the app keeps its own default (or the value saved on the Settings page). The one secret it
/// may hold, the database password in <see cref="Store"/>, is never printed.
/// </summary>
internal sealed record KeyfolioSettings
{
    /// <summary>The data directory: <c>DataDirectory</c>, <c>KEYFOLIO_HOME</c>, else the per-user data folder.</summary>
    public required string DataDirectory { get; init; }

    /// <summary><c>Environment</c> (<c>KEYFOLIO_ENVIRONMENT</c>): which <c>appsettings.{Environment}.json</c> is read.</summary>
    public required string EnvironmentName { get; init; }

    /// <summary><c>Server:Urls</c>; null when unset (then <c>--urls</c> or the loopback default).</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary><c>Server:AllowRemote</c>.</summary>
    public bool AllowRemote { get; init; }

    /// <summary><c>Server:InsecureHttp</c>.</summary>
    public bool InsecureHttp { get; init; }

    /// <summary><c>Server:AllowedHosts</c>.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary><c>Sync:Interval</c>: how often a connection without its own interval is refreshed.</summary>
    public TimeSpan? SyncInterval { get; init; }

    /// <summary><c>Sync:LeasePeriod</c>: how long a server's claim on a connection it refreshes lasts unless renewed.</summary>
    public TimeSpan? SyncLeasePeriod { get; init; }

    /// <summary><c>Sync:SharedEgressAddress</c>: the name of the egress address this node shares with other nodes on the database, or null when it is its own.</summary>
    public string? SharedEgressAddress { get; init; }

    /// <summary><c>Vault:AutoLock:Idle</c>.</summary>
    public TimeSpan? AutoLockIdle { get; init; }

    /// <summary><c>Vault:AutoLock:Absolute</c>.</summary>
    public TimeSpan? AutoLockAbsolute { get; init; }

    /// <summary><c>Logging:LogLevel:Default</c>; null keeps the app's own levels.</summary>
    public LogLevel? LogLevel { get; init; }

    /// <summary><c>Logging:Format</c>: one line of text per entry, or one JSON object per line.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary><c>Metrics:Prometheus</c>: serve <c>/metrics</c> for Prometheus (off by default).</summary>
    public bool MetricsPrometheus { get; init; }

    /// <summary><c>Metrics:AllowRemote</c>: let other machines scrape <c>/metrics</c> (loopback only by default).</summary>
    public bool MetricsAllowRemote { get; init; }

    /// <summary><c>Metrics:Otlp:Endpoint</c>: an OpenTelemetry collector for the metrics; null sends none.</summary>
    public Uri? OtlpMetricsEndpoint { get; init; }

    /// <summary><c>Traces:Otlp:Endpoint</c>: an OpenTelemetry collector for the traces; null sends none.</summary>
    public Uri? OtlpTracesEndpoint { get; init; }

    /// <summary><c>Otlp:Protocol</c>: grpc (default) or http/protobuf.</summary>
    public Keyfolio.Web.Telemetry.OtlpTransport OtlpProtocol { get; init; } = Keyfolio.Web.Telemetry.OtlpTransport.Grpc;

    /// <summary>
    /// <c>Alerts:Webhook:Url</c>: where alerts are posted; null leaves the webhook off. Slack's and Discord's addresses
    /// carry a token, so it is never printed (not even by <see cref="ToString"/>). Its secret is not a setting: it is read
    /// from <c>KEYFOLIO_ALERTS__WEBHOOK__SECRET</c> only (<see cref="KeyfolioConfiguration.WebhookSecretVariable"/>).
    /// </summary>
    public Uri? AlertsWebhookUrl { get; init; }

    /// <summary><c>Alerts:Webhook:Preset</c>: json (signed, default), ntfy, slack or discord.</summary>
    public Keyfolio.Core.Alerts.WebhookPreset AlertsWebhookPreset { get; init; } = Keyfolio.Core.Alerts.WebhookPreset.Json;

    /// <summary>
    /// <c>Alerts:Smtp:*</c>: the e-mail channel (host, port, security, user name, sender, recipients, certificate pin),
    /// checked as the core checks it; null leaves e-mail off. Its password is read from
    /// <c>KEYFOLIO_ALERTS__SMTP__PASSWORD</c> only (<see cref="KeyfolioConfiguration.SmtpPasswordVariable"/>).
    /// </summary>
    public Keyfolio.Core.Alerts.EmailOptions? AlertsEmail { get; init; }

    /// <summary><c>Alerts:StaleAfter</c>: balances not read for longer raise an alert; null keeps a day.</summary>
    public TimeSpan? AlertsStaleAfter { get; init; }

    /// <summary><c>Alerts:ValueDropPercent</c>: the default share of a fall in value that raises an alert; null keeps it off.</summary>
    public int? AlertsValueDropPercent { get; init; }

    /// <summary><c>Alerts:IncludeFigures</c>: whether alerts may carry amounts by default; null keeps them out.</summary>
    public bool? AlertsIncludeFigures { get; init; }

    /// <summary><c>Alerts:Language</c>: en, zh-Hans, zh-Hant, ja or ko; null keeps English.</summary>
    public string? AlertsLanguage { get; init; }

    /// <summary>The Fast API client the Settings page starts from (KeyfolioConfiguration.FastApi.cs); null when none is configured.</summary>
    public Keyfolio.Core.FastConnect.FastConnectDefaults? FastConnect { get; init; }

    /// <summary><c>EgressIp:EchoUrl</c>: the address-discovery service while none is chosen on Settings; null keeps discovery off.</summary>
    public Uri? EgressEchoUrl { get; init; }

    /// <summary>
    /// <c>Database:Provider</c> and <c>Database:ConnectionString</c>: the SQLite file in the data directory (the default)
    /// or a PostgreSQL database. Its connection string may hold the password; <see cref="StoreLocation.ToString"/>, and so
    /// <see cref="ToString"/> here, never prints it.
    /// </summary>
    public StoreLocation Store { get; init; } = StoreLocation.Sqlite;

    /// <summary>
    /// For <c>keyfolio migrate-store</c> only: the PostgreSQL database <c>Database:ConnectionString</c> names, read before
    /// <c>Database:Provider</c> is switched to it; null otherwise, and when unset.
    /// </summary>
    public StoreLocation? MoveTarget { get; init; }

    /// <summary>The files that were read, in the order they apply (later ones win).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public override string ToString() =>
        $"KeyfolioSettings {{ DataDirectory = {DataDirectory}, EnvironmentName = {EnvironmentName}, Store = {Store}, AlertsWebhook = {(AlertsWebhookUrl is null ? "off" : "set")}, Files = {Files.Count} }}";
}

internal enum LogFormat
{
    Text,
    Json,
}
