using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Keyfolio.Core;
using Keyfolio.Core.Settings;
using Keyfolio.Web.Api;
using Keyfolio.Web.Components;
using Keyfolio.Web.Connections;
using Keyfolio.Web.Endpoints;
using Keyfolio.Web.Hosting;
using Keyfolio.Web.Live;
using Keyfolio.Web.Localization;
using Keyfolio.Web.Security;
using Keyfolio.Web.Security.Forms;
using Keyfolio.Web.StaticAssets;
using Keyfolio.Web.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Web;

/// <summary>Builds the Keyfolio web app: the core over the data directory, its pages, the REST API, background sync and
/// the web security surface.</summary>
public static class KeyfolioWebApp
{
    /// <summary>
    /// Builds the app, ready for <c>RunAsync</c>/<c>StartAsync</c>. <paramref name="configure"/> may add services
    /// or change hosting (a test server, say) before the app is built.
    /// </summary>
    /// <exception cref="ListenAddressException">An address in <see cref="KeyfolioWebOptions.Urls"/> is malformed or not allowed.</exception>
    public static WebApplication Build(KeyfolioWebOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ListenAddresses.Check(options.Urls, options.AllowRemote, options.InsecureHttp);
        var allowedHosts = ListenAddresses.AllowedHosts(options.AllowRemote, options.AllowedHosts);
        PrivateDirectory.Ensure(options.DataDirectory);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(KeyfolioWebApp).Assembly.GetName().Name,
            EnvironmentName = options.EnvironmentName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls([.. options.Urls.Select(ListenAddresses.ForBinding)]);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // One line per exchange request and answer is noise in the console; failures still show.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // The key ring lives in memory on purpose (InMemoryKeyRepository); its "keys stored unencrypted" warning does not apply.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        var core = new KeyfolioCoreOptions { DataDirectory = options.DataDirectory };
        KdfEnvironment.Apply(core.Vault);
        options.ConfigureCore?.Invoke(core);
        services.AddKeyfolioCore(core);
        services.AddSingleton<AuditLogState>();
        services.AddSingleton<VaultSessions>();
        services.AddSingleton<ConnectionChanges>();
        services.AddSingleton<ScannedKeys>();
        services.AddSingleton<RefusedForms>();
        services.AddSingleton<Keyfolio.Web.Transfer.ExportDownloads>();
        services.AddHostedService<CoreStartup>();
        services.AddHostedService<EgressHeartbeat>();
        services.AddHostedService<BackgroundSync>();
        services.AddHostedService<BackgroundAlerts>();
        services.AddSingleton(new PageAssemblies(options.AdditionalPageAssemblies));
        // Only our own host names: a page elsewhere cannot reach the loopback app by DNS rebinding. The web host
        // applies host filtering first in the pipeline; this sets the names it accepts.
        services.AddHostFiltering(filtering => filtering.AllowedHosts = [.. allowedHosts]);
        // Outside the host filter, so that its refusal carries the security headers too.
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeaders.StartupFilter>());
        services.AddKeyfolioWebSecurity(options);
        services.AddSingleton<UnlockRateLimit>();
        services.AddScoped<PostedSecrets>();
        services.AddKeyfolioTelemetry(options.Telemetry);
        services.AddProblemDetails();
        // A request the API cannot bind throws, so that BadRequestExceptionHandler can name the field and the fix.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A field the request type does not have (a typo such as "paused" for "pause") is refused by name instead of
        // being ignored while the answer says 200.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddLocalization();
        // Chinese text goes out as UTF-8 characters, not as numeric character references.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddOpenApi(KeyfolioApi.DocumentName, openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Keyfolio API";
                document.Info.Description = "Connections, balances, portfolio, key findings, the audit log and the vault of one Keyfolio instance. Same session as the web pages; state-changing requests need the antiforgery token (GET /api/antiforgery) in the X-Keyfolio-Antiforgery header.";
                return Task.CompletedTask;
            });
            openApi.AddDocumentTransformer(OpenApiSecurity.DocumentAsync);
            openApi.AddOperationTransformer(OpenApiSecurity.OperationAsync);
            openApi.AddSchemaTransformer(OpenApiSecurity.SchemaAsync);
        });

        configure?.Invoke(builder);

        var app = builder.Build();

        // Made now, so it sees the first unlock: sessions are tied to the vault's unlocks from the start.
        app.Services.GetRequiredService<VaultSessions>();
        app.UseNoStoreByDefault();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            // UnhandledExceptionHandler logs each failure without the exception's text, which may quote account data.
            SuppressDiagnosticsCallback = _ => true,
        });
        app.UseWhen(context => ApiPaths.IsApi(context.Request), api => api.UseStatusCodePages(BadInput.StatusCodePageAsync));
        // A page read that fails shows the status page in its place; a form post that fails is sent to it, since
        // re-executing a post would replay the form (and its antiforgery check) against the status page.
        app.UseWhen(
            context => !ApiPaths.IsApi(context.Request) && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        app.UseWhen(
            context => !ApiPaths.IsApi(context.Request) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method),
            forms => forms.UseStatusCodePagesWithRedirects("/status/{0}"));
        app.UseEmbeddedAssets();
        app.UseRequestLocalization(KeyfolioCultures.RequestLocalization());
        app.UseRouting();
        app.UseAuditActor();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseVaultActivity();
        // Before anything reads the form: its secret fields never become strings.
        app.UseSecretFormReader();
        app.UseAntiforgery();
        app.UseExpiredFormRedirect();

        app.MapOpenApi(KeyfolioApi.OpenApiPattern);
        ApiReference.Map(app);
        HealthEndpoints.Map(app);
        PasswordRulesEndpoint.Map(app);
        app.MapKeyfolioMetrics(options.Telemetry);
        KeyfolioApi.MapBuiltInRoutes(app);
        ConnectionsApi.Map(app);
        ConnectionSyncApi.Map(app);
        PortfolioApi.Map(app);
        AuditApi.Map(app);
        AlertsApi.Map(app);
        VaultApi.Map(app);
        CultureEndpoint.Map(app);
        LiveEndpoints.Map(app);
        PageEndpoints.Map(app);
        app.MapRazorComponents<App>().AddAdditionalAssemblies([.. options.AdditionalPageAssemblies]);
        return app;
    }
}
