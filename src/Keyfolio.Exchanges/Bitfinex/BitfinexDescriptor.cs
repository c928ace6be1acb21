using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Bitfinex;

internal static partial class BitfinexDescriptor
{
    private static readonly LocalizedText Expected = new("43 letters and digits", "43 位字母和数字");

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Bitfinex,
        DisplayName = "Bitfinex",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API Key", "API Key"), true, new(KeyPattern(), Expected)),
            new(CredentialFieldKind.Secret, new("API Key Secret", "API Key Secret（密钥）"), true, new(KeyPattern(), Expected)),
        ],
        Hosts =
        [
            new("main", new("Bitfinex", "Bitfinex"), ExchangeEnvironment.Live, new Uri("https://api.bitfinex.com"), new Uri("https://api-pub.bitfinex.com")),
        ],
        ApiManagementPage = new Uri("https://setting.bitfinex.com/api"),
        Guide = BitfinexGuide.Instance,
    };

    [GeneratedRegex("^[A-Za-z0-9]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
