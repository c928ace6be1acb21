using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;

namespace Keyfolio.Web.Connections;

/// <summary>
/// Reads what a form or an API call says about a connection — exchange, region, environment, custom URL — into the
/// core's request, refusing a value that names nothing known with the field and the fix. Whether the combination is
/// allowed, and whether the key is any good, is the core's decision.
/// </summary>
public static class ConnectionInput
{
    public static CoreResult<ExchangeId> Exchange(string? name) =>
        ExchangeIds.TryParse(name, out var exchange)
            ? exchange.Value
            : new CoreError(
                CoreErrorKind.BadInput,
                Texts.Of("IsNotAnExchangeKeyfolio", name),
                Texts.Of("UseOneOf", LocalizedText.List(ExchangeIds.All.Select(e => e.ToName()))))
            { Field = "exchange" };

    public static CoreResult<ExchangeEnvironment> Environment(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ExchangeEnvironment.Live;
        }

        return Enum.TryParse<ExchangeEnvironment>(name.Trim(), ignoreCase: true, out var environment) && Enum.IsDefined(environment)
            ? environment
            : new CoreError(
                CoreErrorKind.BadInput,
                Texts.Of("IsNotAnEnvironment", name),
                Texts.Of("UseLiveTestnetOrDemo"))
            { Field = "environment" };
    }

    public static CoreResult<Uri?> ApiUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CoreResult<Uri?>.Success(null);
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            ? url
            : new CoreError(
                CoreErrorKind.BadInput,
                Texts.Of("TheCustomAPIURLIs"),
                Texts.Of("GiveTheBaseURLOf"))
            { Field = "apiUrl" };
    }

    /// <summary>The core's request, or the first field that names nothing known. The caller owns the credentials.</summary>
    public static CoreResult<AddConnectionRequest> Add(
        string? exchange,
        string? label,
        KeyCredentials credentials,
        string? region,
        string? environment,
        string? apiUrl,
        bool allowWithdrawal,
        string? withdrawalConfirmation)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var parsedExchange = Exchange(exchange);
        if (!parsedExchange.IsSuccess)
        {
            return parsedExchange.Error;
        }

        var parsedEnvironment = Environment(environment);
        if (!parsedEnvironment.IsSuccess)
        {
            return parsedEnvironment.Error;
        }

        var parsedUrl = ApiUrl(apiUrl);
        if (!parsedUrl.IsSuccess)
        {
            return parsedUrl.Error;
        }

        return new AddConnectionRequest(parsedExchange.Value, label ?? string.Empty, credentials)
        {
            Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
            Environment = parsedEnvironment.Value,
            CustomBaseUrl = parsedUrl.Value,
            AllowWithdrawal = allowWithdrawal,
            WithdrawalConfirmation = withdrawalConfirmation,
        };
    }
}
