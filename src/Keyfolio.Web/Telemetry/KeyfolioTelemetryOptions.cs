namespace Keyfolio.Web.Telemetry;

/// <summary>Where Keyfolio's metrics and traces go. Everything is off by default.</summary>
public sealed class KeyfolioTelemetryOptions
{
    /// <summary><c>Metrics:Prometheus</c>: serve the Prometheus scrape endpoint <c>/metrics</c>.</summary>
    public bool Prometheus { get; init; }

    /// <summary><c>Metrics:AllowRemote</c>: answer <c>/metrics</c> to other machines too; without it only loopback may scrape.</summary>
    public bool PrometheusAllowRemote { get; init; }

    /// <summary><c>Metrics:Otlp:Endpoint</c>: an OpenTelemetry collector that receives the metrics.</summary>
    public Uri? OtlpMetricsEndpoint { get; init; }

    /// <summary><c>Traces:Otlp:Endpoint</c>: an OpenTelemetry collector that receives the traces (a sync, its exchange calls).</summary>
    public Uri? OtlpTracesEndpoint { get; init; }

    /// <summary><c>Otlp:Protocol</c>: gRPC (the collector's port 4317) or HTTP with protobuf (port 4318).</summary>
    public OtlpTransport OtlpProtocol { get; init; } = OtlpTransport.Grpc;

    /// <summary>How often metrics are pushed to <see cref="OtlpMetricsEndpoint"/>.</summary>
    public TimeSpan OtlpExportInterval { get; init; } = TimeSpan.FromSeconds(60);

    internal bool AnyMetrics => Prometheus || OtlpMetricsEndpoint is not null;
}

/// <summary>The OTLP transport.</summary>
public enum OtlpTransport
{
    Grpc,
    HttpProtobuf,
}
