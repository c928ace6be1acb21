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
                new(
                    "Give the proxy's https URL, for example https://proxy.example:8443, or the simulator's loopback address, for example http://127.0.0.1:41003.",
                    "请填写代理的 https 地址，例如 https://proxy.example:8443，或模拟器的本机回环地址，例如 http://127.0.0.1:41003。"));
        }

        if (region is not null && !descriptor.Regions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return Errors.BadInput(
                "region",
                new($"{descriptor.DisplayName} has no region \"{region}\".", $"{descriptor.DisplayName} 没有“{region}”地区。"),
                new($"Choose one of: {string.Join(", ", descriptor.Regions)}.", $"请从以下选择：{string.Join("、", descriptor.Regions)}。"));
        }

        if (customBaseUrl is null && descriptor.FindHost(region, environment) is null)
        {
            return Errors.BadInput(
                "environment",
                new($"{descriptor.DisplayName} has no {environment.ToString().ToLowerInvariant()} environment for region \"{region ?? descriptor.DefaultRegion}\".", $"{descriptor.DisplayName} 在“{region ?? descriptor.DefaultRegion}”地区没有 {environment.ToString().ToLowerInvariant()} 环境。"),
                new($"Choose one of: {string.Join(", ", descriptor.Environments.Select(e => e.ToString().ToLowerInvariant()))}, or give --api-url.", $"请从以下选择：{string.Join("、", descriptor.Environments.Select(e => e.ToString().ToLowerInvariant()))}，或提供 --api-url。"));
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
                new("Copy the value again from the exchange's API-management page, without spaces or line breaks.", "请从交易所的 API 管理页面重新复制该值，不要带空格或换行。"));
    }
}
