using System.CommandLine;
using Keyfolio.Cli.Configuration;
using Keyfolio.Core;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Keyfolio.Web;
using Keyfolio.Web.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio serve [--urls URL] [--demo] [--allow-remote]</c>: hosts the web app until interrupted.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = "Where to listen (default " + KeyfolioWebOptions.DefaultUrl + "); several URLs may be separated by spaces or ';'. Loopback only unless --allow-remote.",
            HelpName = "URL",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [KeyfolioWebOptions.DefaultUrl],
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Run the offline demo: simulated exchanges with sample accounts and a throwaway data directory.",
        };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow listening on a non-loopback address, over https, for the names in --allowed-hosts. Other machines can then reach the unlock page.",
        };
        var allowedHosts = new Option<string[]>("--allowed-hosts")
        {
            Description = "With --allow-remote: the host names other machines use to reach Keyfolio (separated by spaces or ','); a request for any other name is refused.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = true,
        };
        LabelArgument.RefuseOptionLookalikes(allowedHosts, "a host name");
        var insecureHttp = new Option<bool>("--insecure-http")
        {
            Description = "With --allow-remote: accept a plain http address (only behind a TLS proxy that serves https to the network).",
        };

        var command = new Command("serve", "Run the Keyfolio web app (My Exchanges, portfolio, key health, activity) and its REST API.")
        {
            urls,
            demo,
            allowRemote,
            allowedHosts,
            insecureHttp,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            KeyfolioSettings settings;
            try
            {
                settings = KeyfolioConfiguration.Load(Environment.GetEnvironmentVariable, AppContext.BaseDirectory);
            }
            catch (KeyfolioSettingException exception)
            {
                await error.WriteLineAsync("Error: " + exception.Message).ConfigureAwait(false);
                await error.WriteLineAsync("Fix: " + exception.Fix).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            // An option given on the command line wins over every file and variable.
            bool Given(Option option) => parseResult.GetResult(option) is { Implicit: false };
            return await RunAsync(
                SplitUrls(Given(urls) ? parseResult.GetValue(urls) ?? [] : settings.Urls?.ToArray() ?? [KeyfolioWebOptions.DefaultUrl]),
                parseResult.GetValue(demo),
                Given(allowRemote) ? parseResult.GetValue(allowRemote) : settings.AllowRemote,
                Given(allowedHosts) ? parseResult.GetValue(allowedHosts) ?? [] : [.. settings.AllowedHosts],
                Given(insecureHttp) ? parseResult.GetValue(insecureHttp) : settings.InsecureHttp,
                settings,
                !Given(urls) && settings.Urls is not null,
                parseResult.InvocationConfiguration.Output,
                error,
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Hands the webhook's secret from the environment to the alert channel before anything is sent, and drops it from
    /// this process's environment so no child process or crash dump of the environment block carries it on.
    /// </summary>
    private static bool SetWebhookSecret(IServiceProvider services)
    {
        var secret = Environment.GetEnvironmentVariable(KeyfolioConfiguration.WebhookSecretVariable);
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        services.GetRequiredService<Keyfolio.Core.Alerts.AlertSecrets>().SetWebhookSecret(secret);
        Environment.SetEnvironmentVariable(KeyfolioConfiguration.WebhookSecretVariable, null);
        return true;
    }

    /// <summary>The same for the mail server's password.</summary>
    private static void SetSmtpPassword(IServiceProvider services)
    {
        var password = Environment.GetEnvironmentVariable(KeyfolioConfiguration.SmtpPasswordVariable);
        if (!string.IsNullOrEmpty(password))
        {
            services.GetRequiredService<Keyfolio.Core.Alerts.AlertSecrets>().SetSmtpPassword(password);
            Environment.SetEnvironmentVariable(KeyfolioConfiguration.SmtpPasswordVariable, null);
        }
    }

    private static async Task WarnAboutAlertsAsync(KeyfolioSettings settings, bool hasSecret, bool vaultSecret, TextWriter error)
    {
        if (settings.AlertsWebhookUrl is null && hasSecret)
        {
            await error.WriteLineAsync($"Warning: {KeyfolioConfiguration.WebhookSecretVariable} is set but Alerts:Webhook:Url is not, so no alert is sent. Set {KeyfolioConfiguration.VariableFor("Alerts:Webhook:Url")} to the receiver's address.").ConfigureAwait(false);
        }
        else if (settings.AlertsWebhookUrl is not null && !hasSecret && !vaultSecret && settings.AlertsWebhookPreset == Keyfolio.Core.Alerts.WebhookPreset.Json)
        {
            await error.WriteLineAsync($"Warning: alerts are posted to the webhook unsigned, so the receiver cannot tell them from forged ones. Set {KeyfolioConfiguration.WebhookSecretVariable} to a long random secret the receiver also knows, or keep one in the vault from Settings → Alerts.").ConfigureAwait(false);
        }
    }

    internal static void ApplyLogging(WebApplicationBuilder builder, KeyfolioSettings settings)
    {
        if (settings.LogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
        }

        if (settings.LogFormat == LogFormat.Json)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json => json.IncludeScopes = false);
        }

        // The host logs a failed start with its stack trace; serve says instead, in one line, why it cannot listen and
        // what to do (Keyfolio's background services log their own failures).
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }

    /// <summary>The settings the server's core takes from the configuration: the store, the sync interval and leases, the shared egress address, the vault's locks, the alert channels.</summary>
    internal static void ApplySettings(KeyfolioCoreOptions core, KeyfolioSettings settings)
    {
        core.Store = settings.Store;
        core.DefaultSyncInterval = settings.SyncInterval ?? core.DefaultSyncInterval;
        core.SyncLeasePeriod = settings.SyncLeasePeriod ?? core.SyncLeasePeriod;
        core.SharedEgressAddress = settings.SharedEgressAddress;
        core.FastConnect = settings.FastConnect ?? core.FastConnect;
        core.EgressEchoUrl = settings.EgressEchoUrl;
        core.Vault.IdleTimeout = settings.AutoLockIdle ?? core.Vault.IdleTimeout;
        core.Vault.AbsoluteTimeout = settings.AutoLockAbsolute ?? core.Vault.AbsoluteTimeout;
        core.Alerts.Webhook.Url = settings.AlertsWebhookUrl;
        core.Alerts.Webhook.Preset = settings.AlertsWebhookPreset;
        core.Alerts.Language = settings.AlertsLanguage ?? core.Alerts.Language;
        core.Alerts.StaleAfter = settings.AlertsStaleAfter ?? core.Alerts.StaleAfter;
        core.Alerts.ValueDropPercent = settings.AlertsValueDropPercent ?? core.Alerts.ValueDropPercent;
        core.Alerts.IncludeFigures = settings.AlertsIncludeFigures ?? core.Alerts.IncludeFigures;
        if (settings.AlertsEmail is { } email)
        {
            core.Alerts.Email.Host = email.Host;
            core.Alerts.Email.Port = email.Port;
            core.Alerts.Email.Security = email.Security;
            core.Alerts.Email.UserName = email.UserName;
            core.Alerts.Email.From = email.From;
            core.Alerts.Email.CertificateSha256 = email.CertificateSha256;
            foreach (var to in email.To)
            {
                core.Alerts.Email.To.Add(to);
            }
        }
    }

    // ASP.NET Core's own --urls separates addresses with ';'; accept that form too.
    private static string[] SplitUrls(string[] values) =>
        [.. values.SelectMany(value => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static async Task<int> RunAsync(string[] urls, bool demo, bool allowRemote, string[] allowedHosts, bool insecureHttp, KeyfolioSettings settings, bool urlsFromSettings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<Uri> remote;
        try
        {
            remote = ListenAddresses.Check(urls, allowRemote, insecureHttp);
            ListenAddresses.AllowedHosts(allowRemote, allowedHosts);
        }
        catch (ListenAddressException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            if (urlsFromSettings)
            {
                await error.WriteLineAsync("The address came from the setting Server:Urls (" + KeyfolioConfiguration.VariableFor("Server:Urls") + " or an appsettings.json); --urls on the command line overrides it.").ConfigureAwait(false);
            }

            return 2;
        }

        await using var demoEnvironment = demo ? await ServeDemo.StartAsync(cancellationToken).ConfigureAwait(false) : null;
        var options = new KeyfolioWebOptions
        {
            Urls = urls,
            AllowRemote = allowRemote,
            AllowedHosts = allowedHosts,
            InsecureHttp = insecureHttp,
            DataDirectory = demoEnvironment?.DataDirectory ?? settings.DataDirectory,
            IsDemo = demoEnvironment is not null,
            Telemetry = new Keyfolio.Web.Telemetry.KeyfolioTelemetryOptions
            {
                Prometheus = settings.MetricsPrometheus,
                PrometheusAllowRemote = settings.MetricsAllowRemote,
                OtlpMetricsEndpoint = settings.OtlpMetricsEndpoint,
                OtlpTracesEndpoint = settings.OtlpTracesEndpoint,
                OtlpProtocol = settings.OtlpProtocol,
            },
            ConfigureCore = core =>
            {
                ApplySettings(core, settings);
                if (demoEnvironment is not null)
                {
                    // The demo's throwaway data stays in its own SQLite file, never in the configured database.
                    core.Store = StoreLocation.Sqlite;
                    demoEnvironment.RouteToSimulator(core);
                }
            },
        };

        // One server per data directory: a second would sync the same keys twice and race the first's writes.
        using var serving = ServingLock.TryTake(options.DataDirectory, "keyfolio serve at " + string.Join(", ", urls), TimeProvider.System, out var heldBy);
        if (serving is null)
        {
            await error.WriteLineAsync($"Keyfolio is already serving the data directory {options.DataDirectory}: {heldBy}. Open that one, stop it first, or give this one its own data directory (KEYFOLIO_HOME).").ConfigureAwait(false);
            return ExitCodes.Conflict;
        }

        await using var app = KeyfolioWebApp.Build(options, builder => ApplyLogging(builder, settings));
        var webhookSecretSet = SetWebhookSecret(app.Services);
        SetSmtpPassword(app.Services);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            await error.WriteLineAsync("Error: " + e.Message).ConfigureAwait(false);
            await error.WriteLineAsync("Fix: " + e.Fix).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (StorageException e)
        {
            await error.WriteLineAsync("Error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Corrupted;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await error.WriteLineAsync("Keyfolio cannot listen on " + string.Join(", ", urls) + ": the port is already in use (is Keyfolio already running?). Stop the other program, or choose another port with --urls http://127.0.0.1:PORT.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or NotSupportedException)
        {
            // Not a stack trace: the address cannot be bound here (an address this machine does not have, a form the
            // server cannot listen on, https without a certificate).
            await error.WriteLineAsync("Keyfolio cannot listen on " + string.Join(", ", urls) + ": " + e.Message + " Use an address of this machine, such as " + KeyfolioWebOptions.DefaultUrl + " or http://[::1]:5080.").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        // After start, when the database is open: a secret kept in the vault signs as well as one from the environment.
        var vaultSecret = await app.Services.GetRequiredService<Keyfolio.Core.Alerts.AlertChannelSecrets>().StateAsync(Keyfolio.Core.Alerts.AlertChannelSecrets.Webhook, cancellationToken).ConfigureAwait(false)
            is Keyfolio.Core.Alerts.ChannelSecretState.Vault or Keyfolio.Core.Alerts.ChannelSecretState.VaultLocked;
        await WarnAboutAlertsAsync(settings, webhookSecretSet, vaultSecret, error).ConfigureAwait(false);
        foreach (var address in remote)
        {
            var advice = address.Scheme == Uri.UriSchemeHttps ? "keep its certificate current" : "it serves plain http (--insecure-http): only a TLS proxy in front of it may reach it, or anyone on the network path can read the master password and the session";
            await error.WriteLineAsync("Warning: " + address + " is reachable from other machines; " + advice + ".").ConfigureAwait(false);
        }

        var listening = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        await output.WriteLineAsync("Keyfolio is running at " + string.Join(", ", listening)).ConfigureAwait(false);
        var store = app.Services.GetRequiredService<KeyfolioDatabase>().Store;
        if (store.Provider == StoreProvider.PostgreSql)
        {
            await output.WriteLineAsync("Data: " + store + ".").ConfigureAwait(false);
        }

        if (demoEnvironment is not null)
        {
            await demoEnvironment.DescribeAsync(output).ConfigureAwait(false);
        }

        await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
