using Keyfolio.Core;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Security;

/// <summary>Registers the session cookie, antiforgery and the key ring that protects both.</summary>
internal static class WebSecurityServices
{
    public const string AntiforgeryHeader = "X-Keyfolio-Antiforgery";

    public static IServiceCollection AddKeyfolioWebSecurity(this IServiceCollection services, KeyfolioWebOptions options)
    {
        var keyRing = new InMemoryKeyRepository();
        services.AddDataProtection().SetApplicationName("Keyfolio");
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = keyRing);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie = new SecureCookieBuilder(KeyfolioCookies.Session);
                cookie.ExpireTimeSpan = options.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.TimeProvider = options.TimeProvider;
                cookie.LoginPath = "/unlock";
                cookie.LogoutPath = "/lock";
                cookie.AccessDeniedPath = "/unlock";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events = new SessionCookieEvents(options.TimeProvider, options.SessionAbsoluteTimeout);
            });
        // The vault's auto-lock governs (a session never outlives the unlock it came from): a session lasts at least as
        // long as the vault stays unlocked, as configured in Settings (SessionLifetime rebuilds this when they change).
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<KeyfolioCoreOptions>((cookie, core) => cookie.ExpireTimeSpan = SessionTimeouts.Longer(options.SessionIdleTimeout, core.Vault.IdleTimeout));
        services.AddSingleton<SessionLifetime>();
        services.AddAuthorization();

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie = new SecureCookieBuilder(KeyfolioCookies.Antiforgery);
            antiforgery.HeaderName = AntiforgeryHeader;
        });

        return services;
    }
}
