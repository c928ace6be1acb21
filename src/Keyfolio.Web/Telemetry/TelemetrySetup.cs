using System.Net;
using Keyfolio.Exchanges.Telemetry;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Keyfolio.Web.Telemetry;

/// <summary>
/// Turns on what <see cref="KeyfolioTelemetryOptions"/> asks for: the meter <c>Keyfolio</c> (instruments named
/// <c>keyfolio.*</c>) exported for Prometheus at <c>/metrics</c> and/or over OTLP, and the activity source
/// <c>Keyfolio</c> over OTLP. Nothing is collected when everything is off.
/// </summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static void AddKeyfolioTelemetry(this IServiceCollection services, KeyfolioTelemetryOptions options)
    {
        if (!options.AnyMetrics && options.OtlpTracesEndpoint is null)
        {
            return;
        }

        var version = typeof(TelemetrySetup).Assembly.GetName().Version?.ToString(3);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("keyfolio", serviceVersion: version));
        if (options.AnyMetrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(ExchangeTelemetry.MeterName);
                if (options.Prometheus)
                {
                    // Every scrape reads the meters afresh rather than a copy up to 300 ms old.
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (options.OtlpMetricsEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, endpoint, options.OtlpProtocol, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpExportInterval.TotalMilliseconds;
                    });
                }
            });
        }

        if (options.OtlpTracesEndpoint is { } traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ExchangeTelemetry.SourceName)
                .AddOtlpExporter(exporter => Configure(exporter, traces, options.OtlpProtocol, "v1/traces")));
        }
    }

    /// <summary>Maps <c>/metrics</c> when Prometheus is on; it answers loopback only unless remote scraping is allowed.</summary>
    public static void MapKeyfolioMetrics(this IEndpointRouteBuilder endpoints, KeyfolioTelemetryOptions options)
    {
        if (!options.Prometheus)
        {
            return;
        }

        endpoints.MapPrometheusScrapingEndpoint(
            MetricsPath,
            meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (!options.PrometheusAllowRemote && !IsLoopback(context.Connection.RemoteIpAddress))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync("Metrics are served to this machine only; set Metrics:AllowRemote to let other machines scrape them.\n", context.RequestAborted).ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
            }),
            optionsName: null)
            .WithMetadata(new PassiveRequestAttribute());
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpTransport transport, string signalPath)
    {
        exporter.Protocol = transport == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;

        // Over HTTP the collector takes each signal on its own path; a bare collector address gets it appended.
        exporter.Endpoint = transport == OtlpTransport.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, signalPath)
            : endpoint;
    }
}
