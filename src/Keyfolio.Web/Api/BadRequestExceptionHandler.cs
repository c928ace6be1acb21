using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Keyfolio.Web.Api;

/// <summary>
/// Turns a request the API could not bind — no body, a body that is not JSON, a value of the wrong type, a query
/// parameter that is not a number, a field the request does not have, a body that is not <c>application/json</c> — into a <see cref="BadInput"/> problem
/// that names the field and the fix, instead of a bare "Bad Request". The framework throws these
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>); they are the client's mistakes, so nothing is logged as an error.
/// </summary>
internal sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    private const string JsonFix = "Send a JSON object with Content-Type: application/json, such as {\"password\": \"…\"}.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var path = new PathString(httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value);
        if (!ApiPaths.IsApi(path))
        {
            return false;
        }

        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var (field, message, fix) = Describe(bad, endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType);
        var status = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? bad.StatusCode : StatusCodes.Status400BadRequest;
        await BadInput.Problem(field, message, fix, status).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private static (string Field, string Message, string Fix) Describe(BadHttpRequestException bad, Type? bodyType)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Content-Type", "The request body must be JSON.", "Send it with the header Content-Type: application/json.");
        }

        if (bad.InnerException is JsonException json)
        {
            if (Unmapped().Match(json.Message) is { Success: true } unknown)
            {
                var name = unknown.Groups["name"].Value;
                return (name, $"\"{name}\" is not a field of this request.", Fields(bodyType) is { Length: > 0 } fields
                    ? $"Leave it out, or use one of its fields: {fields}."
                    : "Leave it out; the OpenAPI document at /api/openapi/v1.json gives the request's fields.");
            }

            var property = PropertyName(json.Path);
            if (property is not null && json.Message.StartsWith(Models.SecretText.TooLong, StringComparison.Ordinal))
            {
                return (property, $"\"{property}\" is longer than {Models.SecretText.MaxLength} characters.", $"Send \"{property}\" exactly as the exchange shows it (or as you chose it), without anything around it.");
            }

            if (property is null || !IsConversion(json))
            {
                var where = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : string.Empty;
                return property is null && IsConversion(json)
                    ? ("body", "The request body must be a JSON object.", JsonFix)
                    : ("body", "The request body is not valid JSON" + where + ".", JsonFix);
            }

            var expected = Expected(PropertyType(bodyType, property));
            return (property, $"\"{property}\" has the wrong type: it must be {expected}.", $"Send \"{property}\" as {expected}, or leave it out.");
        }

        if (bad.InnerException is not null)
        {
            return ("body", "The request body could not be read.", JsonFix);
        }

        if (NotProvided().Match(bad.Message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? ("body", "The request body is missing.", JsonFix)
                : (missing.Groups["name"].Value, $"\"{missing.Groups["name"].Value}\" is missing.", $"Add the {missing.Groups["source"].Value} parameter \"{missing.Groups["name"].Value}\".");
        }

        if (NotBound().Match(bad.Message) is { Success: true } unbound)
        {
            var name = unbound.Groups["name"].Value;
            var expected = Expected(unbound.Groups["type"].Value);
            return (name, $"\"{name}\" must be {expected}.", $"Send \"{name}\" as {expected}, or leave it out.");
        }

        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", "The request body is missing or could not be read.", JsonFix);
        }

        return ("request", "The request could not be read.", "Check the route's parameters in the OpenAPI document at /api/openapi/v1.json.");
    }

    // "The JSON value could not be converted to System.Boolean." is a wrong type; anything else is broken JSON.
    private static bool IsConversion(JsonException json) => json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);

    private static string? PropertyName(string? jsonPath)
    {
        if (jsonPath is null || !jsonPath.StartsWith("$.", StringComparison.Ordinal) || jsonPath.Length == 2)
        {
            return null;
        }

        var name = jsonPath[2..];
        var end = name.IndexOfAny(['.', '[']);
        return end < 0 ? name : name[..end];
    }

    // The request type's JSON names, as the web defaults write them (camelCase), in declaration order.
    private static string Fields(Type? bodyType) => bodyType is null
        ? string.Empty
        : string.Join(", ", bodyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

    private static Type? PropertyType(Type? bodyType, string property) =>
        bodyType?.GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;

    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(string) || type == typeof(Models.SecretText))
        {
            return "a string in double quotes";
        }

        return type == typeof(int) || type == typeof(long) ? "a whole number" : "the type the OpenAPI document gives";
    }

    // The framework names an optional parameter's type "int?" or "Nullable<int>"; either is the type it wraps.
    private static string Expected(string typeName) => Unwrapped(typeName) switch
    {
        "bool" or "Boolean" => "true or false",
        "int" or "Int32" => "a whole number (from -2147483648 to 2147483647)",
        "long" or "Int64" => "a whole number",
        _ => "a value of type " + Unwrapped(typeName),
    };

    private static string Unwrapped(string typeName) =>
        typeName.StartsWith("Nullable<", StringComparison.Ordinal) && typeName.EndsWith('>') ? typeName["Nullable<".Length..^1] : typeName.TrimEnd('?');

    [GeneratedRegex("^The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex Unmapped();

    [GeneratedRegex("^Required parameter \"(?<type>[^ \"]+) (?<name>[^\"]+)\" was not provided from (?<source>[a-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NotProvided();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^ \"]+) (?<name>[^\"]+)\" from", RegexOptions.CultureInvariant)]
    private static partial Regex NotBound();
}
