using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Keyfolio.Exchanges.Logging;

namespace Keyfolio.Web.Api;

/// <summary>
/// Logs an unhandled exception without its message (which may quote a request or an exchange's answer holding
/// account data) and answers an API call with a bare 500 problem: no exception text, no stack trace. A page
/// request falls through to the error page.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed the request at the error page; the feature keeps where it failed.
        var path = new PathString(httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value);
        LogUnhandled(logger, exception.GetType().FullName ?? "?", httpContext.Request.Method, path.Value ?? string.Empty, httpContext.TraceIdentifier);
        if (!ApiPaths.IsApi(path))
        {
            return false;
        }

        await TypedResults.Problem(
            statusCode: StatusCodes.Status500InternalServerError,
            title: "Something went wrong",
            detail: "Keyfolio could not complete this request. Try again; if it keeps failing, the server's log has the details under this request's traceId.").ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = KeyfolioEventIds.UnhandledRequestException, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} in {Method} {Path} (request {RequestId})")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string method, string path, string requestId);
}
