using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>OKX Fast API clients made from the shared connectors.</summary>
public static class OkxFastApiConnectors
{
    /// <summary>
    /// An OKX Fast API (OAuth) client sharing these connectors' HTTP client, timeout, clock and logging. The options are
    /// copied; settings that <see cref="OkxFastApiOptionsValidator.Check"/> reports make it throw
    /// <see cref="OptionsValidationException"/>.
    /// </summary>
    public static OkxFastApiClient CreateOkxFastApiClient(this ExchangeConnectors connectors, OkxFastApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        return new(connectors.Transport, options);
    }
}
