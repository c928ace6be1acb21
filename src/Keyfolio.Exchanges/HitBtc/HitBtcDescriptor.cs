using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.HitBtc;

internal static partial class HitBtcDescriptor
{
    private static readonly LocalizedText Expected = Texts.Of("20To64LettersDigits");

    private static readonly Uri ApiPage = new("https://hitbtc.com/settings/api-keys");
    private const string WithdrawRight = "Withdraw cryptocurrencies";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.HitBtc,
        Name = "hitbtc",
        DisplayName = "HitBTC",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKey"), true, new(KeyPattern(), Expected)),
            new(CredentialFieldKind.Secret, Texts.Of("SecretKey"), true, new(KeyPattern(), Expected)),
        ],
        Hosts =
        [
            new("main", LocalizedText.Same("HitBTC"), ExchangeEnvironment.Live, new Uri("https://api.hitbtc.com")),
            new("main", LocalizedText.Same("HitBTC"), ExchangeEnvironment.Testnet, new Uri("https://api.demo.hitbtc.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = HitBtcGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnHitBTCOpenAPIKeys", ApiPage, WithdrawRight)),
        AssetAliases = new Dictionary<string, string>(StringComparer.Ordinal) { ["USD"] = "USDT" },
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{20,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
