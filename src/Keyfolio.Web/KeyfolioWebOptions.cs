using System.Reflection;
using Keyfolio.Core;
using Microsoft.Extensions.Hosting;

namespace Keyfolio.Web;

/// <summary>How the web app is hosted: where it listens, where its data lives, how long a session lasts.</summary>
public sealed class KeyfolioWebOptions
{
    /// <summary>The address Keyfolio listens on unless told otherwise: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The URLs to listen on (<c>http://127.0.0.1:0</c> picks a free port).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Whether a non-loopback address may be bound; without it such an address is refused.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>With <see cref="AllowRemote"/>: allow a non-loopback address over plain http (a TLS proxy in front handles https).</summary>
    public bool InsecureHttp { get; init; }

    /// <summary>With <see cref="AllowRemote"/>: the host names other machines use to reach Keyfolio; a request for any other name is refused.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Keyfolio's data directory (the database, the audit key, settings).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The hosting environment name; <c>Production</c> unless a test or tool says otherwise.</summary>
    public string EnvironmentName { get; init; } = Environments.Production;

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends this long after it began, however busy it is.</summary>
    public TimeSpan SessionAbsoluteTimeout { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Assemblies with further routable components, served inside the same shell.</summary>
    public IReadOnlyList<Assembly> AdditionalPageAssemblies { get; init; } = [];

    /// <summary>The clock of the sessions and of the core (sync schedule, snapshots, auto-lock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Adjusts the core's options after they are made from <see cref="DataDirectory"/>: exchange host overrides (the demo
    /// points every exchange at the simulator), the vault's work factor, the sync interval.
    /// </summary>
    public Action<KeyfolioCoreOptions>? ConfigureCore { get; init; }

    /// <summary>The offline demo: every page says so, and nothing of the user's own data is involved.</summary>
    public bool IsDemo { get; init; }

    /// <summary>Metrics (Prometheus, OTLP) and traces (OTLP); all off by default.</summary>
    public Telemetry.KeyfolioTelemetryOptions Telemetry { get; init; } = new();
}
