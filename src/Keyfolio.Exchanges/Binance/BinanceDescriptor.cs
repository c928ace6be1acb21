using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Binance;

internal static partial class BinanceDescriptor
{
    private static readonly LocalizedText Expected = new("64 letters and digits", "64 位字母和数字");

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Binance,
        DisplayName = "Binance",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API Key", "API Key"), true, new(SixtyFourAlphanumerics(), Expected)),
            new(CredentialFieldKind.Secret, new("Secret Key", "Secret Key（密钥）"), true, new(SixtyFourAlphanumerics(), Expected)),
        ],
        Hosts =
        [
            new("com", new("Binance.com", "Binance.com（全球站）"), ExchangeEnvironment.Live, new Uri("https://api.binance.com")),
            new("com", new("Binance.com", "Binance.com（全球站）"), ExchangeEnvironment.Testnet, new Uri("https://testnet.binance.vision")),
            new("us", new("Binance.US", "Binance.US（美国站）"), ExchangeEnvironment.Live, new Uri("https://api.binance.us")),
        ],
        ApiManagementPage = new Uri("https://www.binance.com/en/my/settings/api-management"),
        Guide = BinanceGuide.Instance,
    };

    [GeneratedRegex("^[A-Za-z0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SixtyFourAlphanumerics();
}
