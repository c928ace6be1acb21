using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Api;

/// <summary>
/// Every 400 (and 415) of the API as one shape of problem details: <c>detail</c> says what is wrong, the extensions
/// <c>kind</c> (<c>badInput</c>), <c>field</c> (the input at fault: a JSON property, a query parameter, <c>body</c> or a
/// header) and <c>fix</c>, and <c>errors</c> maps that field to the message and its fix, as validation problems do.
/// The value sent is never repeated.
/// </summary>
internal static class BadInput
{
    public const string Kind = "badInput";

    public static ProblemHttpResult Problem(string field, string message, string fix, int status = StatusCodes.Status400BadRequest)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kind"] = Kind,
            ["field"] = field,
            ["fix"] = fix,
            ["errors"] = Errors(field, message, fix),
        };
        return TypedResults.Problem(
            statusCode: status,
            title: status == StatusCodes.Status415UnsupportedMediaType ? "Unsupported content type" : "Bad input",
            detail: message,
            extensions: extensions);
    }

    /// <summary>
    /// The answer for an API status code sent without a body: a 400 or 415 the framework gave before any handler ran
    /// (a body that is not JSON, say) names the field and the fix; any other code is a plain problem.
    /// </summary>
    public static async Task StatusCodePageAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        switch (http.Response.StatusCode)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                await Problem("Content-Type", "The request body must be JSON.", "Send it with the header Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(http).ConfigureAwait(false);
                break;
            case StatusCodes.Status400BadRequest:
                await Problem("request", "The request could not be read.", "Check the route's parameters and body in the OpenAPI document at /api/openapi/v1.json.").ExecuteAsync(http).ConfigureAwait(false);
                break;
            default:
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = http.Response.StatusCode },
                }).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The <c>errors</c> member: the field, with the message and what to do.</summary>
    public static Dictionary<string, string[]> Errors(string field, string message, string fix) =>
        new(StringComparer.Ordinal) { [field] = [message + " " + fix] };
}
