using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Security;

/// <summary>
/// The rate limit on unlock attempts: 5 a minute per client address (SECURITY.md, "Web surface"), counted over every
/// request that tries a password or a recovery key (the unlock, create and recover forms and <c>POST /api/vault/unlock</c>).
/// Reading those pages is not an attempt and is not counted.
/// </summary>
public static class UnlockRateLimit
{
    /// <summary>The policy name to attach with <c>RequireRateLimiting</c> / <c>[EnableRateLimiting]</c>.</summary>
    public const string PolicyName = "unlock";

    public const int PermitsPerWindow = 5;

    /// <summary>The query parameter a page is reopened with after a refused attempt, to say why.</summary>
    public const string ThrottledParameter = "throttled";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    internal static IServiceCollection AddKeyfolioRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context => !HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reading")
                : RateLimitPartition.GetFixedWindowLimiter(
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
                if (!ApiPaths.IsApi(rejected.HttpContext.Request))
                {
                    // A page's form goes back to its page, which says to wait (in the reader's language); an answer
                    // of 429 there would be re-executed as a POST of the status page.
                    response.StatusCode = StatusCodes.Status303SeeOther;
                    response.Headers.Location = rejected.HttpContext.Request.Path + "?" + ThrottledParameter + "=1";
                    return;
                }

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
