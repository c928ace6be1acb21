using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Security;

/// <summary>The rate limit on unlock attempts: 5 a minute per client address (SECURITY.md, "Web surface").</summary>
public static class UnlockRateLimit
{
    /// <summary>The policy name to attach with <c>RequireRateLimiting</c> / <c>[EnableRateLimiting]</c>.</summary>
    public const string PolicyName = "unlock";

    public const int PermitsPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    internal static IServiceCollection AddKeyfolioRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = PermitsPerWindow,
                    Window = Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many attempts",
                        Detail = "Too many unlock attempts from this address. Wait a minute, then try again.",
                    },
                }).ConfigureAwait(false);
            };
        });
}
