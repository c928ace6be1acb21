using System.Globalization;
using Keyfolio.Core;
using Keyfolio.Web.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keyfolio.Web.Api;

/// <summary>
/// A <see cref="CoreError"/> as a problem-details answer: the status its kind calls for, the message as the detail and,
/// as extensions, the kind, the field at fault, the fix and the exchange's diagnosis, in the request's language. When
/// the error says when to try again, so does <c>Retry-After</c>.
/// </summary>
internal static class CoreProblems
{
    public static int StatusOf(CoreErrorKind kind) => kind switch
    {
        CoreErrorKind.BadInput or CoreErrorKind.PasswordRejected => StatusCodes.Status400BadRequest,
        CoreErrorKind.WrongPassword => StatusCodes.Status401Unauthorized,
        CoreErrorKind.ConnectionNotFound => StatusCodes.Status404NotFound,
        CoreErrorKind.VaultMissing or CoreErrorKind.VaultExists or CoreErrorKind.DuplicateLabel or CoreErrorKind.DuplicateKey or CoreErrorKind.Conflict => StatusCodes.Status409Conflict,
        CoreErrorKind.VaultLocked => StatusCodes.Status423Locked,
        CoreErrorKind.WithdrawalRefused or CoreErrorKind.VerificationFailed => StatusCodes.Status422UnprocessableEntity,
        CoreErrorKind.CooldownActive => StatusCodes.Status429TooManyRequests,
        // Damaged stored data is not a fault of the server's code: the service cannot go on until the data is restored.
        CoreErrorKind.ExchangeUnavailable or CoreErrorKind.AuditFailed or CoreErrorKind.Corrupted or CoreErrorKind.VaultHeaderAltered => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult From(CoreError error, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(context);
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kind"] = ApiViews.Name(error.Kind),
            ["field"] = error.Field,
            ["fix"] = error.Fix.Current(),
        };
        if (error.Diagnosis is { } diagnosis)
        {
            extensions["diagnosis"] = ApiViews.Diagnosis(diagnosis);
        }

        if (error.RetryAt is { } retryAt)
        {
            extensions["retryAt"] = retryAt;
            var wait = Math.Max(1, (int)Math.Ceiling((retryAt - DateTimeOffset.UtcNow).TotalSeconds));
            context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        }

        var status = StatusOf(error.Kind);
        if (status == StatusCodes.Status400BadRequest)
        {
            extensions["errors"] = BadInput.Errors(error.Field ?? "request", error.Message.Current(), error.Fix.Current());
        }

        return TypedResults.Problem(detail: error.Message.Current(), statusCode: status, title: Title(error.Kind), extensions: extensions);
    }

    private static string Title(CoreErrorKind kind) => kind switch
    {
        CoreErrorKind.BadInput => "Bad input",
        CoreErrorKind.VaultMissing => "No vault yet",
        CoreErrorKind.VaultExists => "Vault already exists",
        CoreErrorKind.VaultLocked => "Vault locked",
        CoreErrorKind.WrongPassword => "Wrong password",
        CoreErrorKind.PasswordRejected => "Password refused",
        CoreErrorKind.Corrupted => "Stored data damaged",
        CoreErrorKind.VaultHeaderAltered => "Vault header altered",
        CoreErrorKind.ConnectionNotFound => "No such connection",
        CoreErrorKind.DuplicateLabel => "Label in use",
        CoreErrorKind.DuplicateKey => "Key already connected",
        CoreErrorKind.WithdrawalRefused => "Key can withdraw",
        CoreErrorKind.VerificationFailed => "Exchange refused the key",
        CoreErrorKind.ExchangeUnavailable => "Exchange unavailable",
        CoreErrorKind.CooldownActive => "Refreshed moments ago",
        CoreErrorKind.AuditFailed => "Audit log refused the action",
        CoreErrorKind.Conflict => "Changed meanwhile",
        _ => "Something went wrong",
    };
}
