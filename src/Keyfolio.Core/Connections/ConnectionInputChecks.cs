using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>The local checks of a connection's endpoint and key, made before anything is sent or stored.</summary>
internal static class ConnectionInputChecks
{
    /// <summary>Why the endpoint cannot be used (an unsafe API URL, a region or environment the exchange lacks); null when it can.</summary>
    public static CoreError? Endpoint(ExchangeDescriptor descriptor, string? region, ExchangeEnvironment environment, Uri? customBaseUrl)
    {
        if (customBaseUrl is not null && BaseUrlPolicy.Problem(customBaseUrl, "The API URL") is { } unsafeUrl)
        {
            return Errors.BadInput(
                "apiUrl",
                unsafeUrl,
                Texts.Of("GiveTheProxysHttpsURL"));
        }

        if (region is not null && !descriptor.Regions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return Errors.BadInput(
                "region",
                Texts.Of("HasNoRegion", descriptor.DisplayName, region),
                Texts.Of("ChooseOneOf", LocalizedText.List(descriptor.Regions)));
        }

        if (customBaseUrl is null && descriptor.FindHost(region, environment) is null)
        {
            return Errors.BadInput(
                "environment",
                Texts.Of("HasNoEnvironmentForRegion", descriptor.DisplayName, environment.ToString().ToLowerInvariant(), region ?? descriptor.DefaultRegion),
                Texts.Of("ChooseOneOfOrGive", LocalizedText.List(descriptor.Environments.Select(e => e.ToString().ToLowerInvariant()))));
        }

        return null;
    }

    /// <summary>Why the key's fields do not have the exchange's format; null when they do.</summary>
    public static CoreError? Format(ExchangeDescriptor descriptor, KeyCredentials credentials)
    {
        var check = credentials.Check(descriptor);
        return check.IsValid
            ? null
            : Errors.BadInput(
                check.Problems[0].FieldName,
                check.Problems[0].Message,
                Texts.Of("CopyTheValueAgainFrom"));
    }
}
