using Keyfolio.Core.FastConnect;
using Keyfolio.Core.Settings;
using Keyfolio.Exchanges.Okx.FastApi;
using Microsoft.Extensions.Configuration;

namespace Keyfolio.Cli.Configuration;

/// <summary>The OKX Fast API client's settings, the one exchange-specific part of the configuration.</summary>
internal static partial class KeyfolioConfiguration
{
    private static readonly string[] FastApiKeys = ["OkxFastApi:ClientId", "OkxFastApi:RedirectUri", "OkxFastApi:KeyLabel", "OkxFastApi:AuthorizeUrl", "OkxFastApi:ApiBaseUrl"];

    /// <summary>
    /// <c>OkxFastApi:*</c>: the operator's OKX Fast API client, checked as the Settings page checks it (the client ID
    /// required once any of them is set); null when none is set. The client secret is not a setting: it is kept in the vault.
    /// </summary>
    private static FastConnectDefaults? FastApi(IConfigurationRoot configuration)
    {
        if (configuration["OkxFastApi:ClientSecret"] is not null)
        {
            throw new KeyfolioSettingException(
                "OkxFastApi:ClientSecret",
                "The setting OkxFastApi:ClientSecret is in a file, where anyone who reads the file reads the secret.",
                "Remove it from the file and keep the client secret in the vault: Settings → OKX Fast API, where it is stored encrypted.");
        }

        var reads = FastApiKeys.Select(key => (Key: key, Read: Read(configuration, key))).Where(r => r.Read is not null).ToDictionary(r => r.Key, r => r.Read!.Value, StringComparer.Ordinal);
        if (reads.Count == 0)
        {
            return null;
        }

        Uri? Address(string key) =>
            reads.TryGetValue(key, out var read)
                ? Uri.TryCreate(read.Value.Trim(), UriKind.Absolute, out var url) ? url : throw Bad(key, read, "is not a complete address", "Give the whole address, beginning with https://.")
                : null;

        var configured = new FastConnectDefaults
        {
            ClientId = Text(reads.GetValueOrDefault("OkxFastApi:ClientId").Value),
            RedirectUri = Address("OkxFastApi:RedirectUri"),
            KeyLabel = Text(reads.GetValueOrDefault("OkxFastApi:KeyLabel").Value),
            AuthorizeUrl = Address("OkxFastApi:AuthorizeUrl"),
            ApiBaseUrl = Address("OkxFastApi:ApiBaseUrl"),
        };
        var builtIn = new OkxFastApiOptions();
        var options = new OkxFastApiOptions
        {
            ClientId = configured.ClientId,
            AuthorizeUrl = configured.AuthorizeUrl ?? builtIn.AuthorizeUrl,
            ApiBaseUrl = configured.ApiBaseUrl ?? builtIn.ApiBaseUrl,
            // Unset, Keyfolio's own callback is used, at the address the browser reaches it on; any https address checks here.
            RedirectUri = configured.RedirectUri ?? new Uri("https://keyfolio.example/connect/okx/callback"),
            KeyLabel = configured.KeyLabel ?? builtIn.KeyLabel,
        };
        if (OkxFastApiOptionsValidator.Check(options, clientSecretStored: true) is [var problem, ..])
        {
            var key = "OkxFastApi:" + problem.Setting;
            var source = reads.TryGetValue(key, out var read) ? $" (from {read.Source})" : string.Empty;
            throw new KeyfolioSettingException(
                key,
                $"The setting {key}{source} is refused: {problem.Message}",
                $"Set {key} ({VariableFor(key)}) to the value OKX gave your Fast API client, or remove every OkxFastApi setting and set the client on Settings.");
        }

        return configured;
    }
}
