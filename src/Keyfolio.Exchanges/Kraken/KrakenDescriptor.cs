using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Kraken;

internal static partial class KrakenDescriptor
{
    private static readonly Uri ApiPage = new("https://www.kraken.com/u/security/api");

    /// <summary>The right's label on Kraken's key page ("Funds permissions – Withdraw" on Kraken Pro).</summary>
    private const string WithdrawRight = "Withdraw Funds";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Kraken,
        Name = "kraken",
        DisplayName = "Kraken",
        CredentialFields =
        [
            // Public key 56 Base64 characters (42 bytes), private key 88 (64 bytes) (Kraken support, "How to create an API key",
            // article 360029054811, and the example key of https://docs.kraken.com/api-reference/account-data/get-api-key-info).
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKey"), true, new(KeyPattern(), Texts.Of("56Base64Characters"))),
            new(CredentialFieldKind.Secret, Texts.Of("PrivateKey"), true, new(SecretPattern(), Texts.Of("88Base64CharactersEndingIn"))),
            // Only for a key with two-factor authentication (Kraken support article 360000714526): sent as "otp" with every call.
            new(CredentialFieldKind.Passphrase, Texts.Of("2FAPasswordOnlyIfThe"), false,
                new(OtpPattern(), Texts.Of("TheKeys2FAPasswordWithout"))),
        ],
        Hosts =
        [
            new("global", LocalizedText.Same("Kraken"), ExchangeEnvironment.Live, new Uri("https://api.kraken.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = KrakenGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnKrakenOpenSettingsAPI", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,
        AssetAliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Kraken's legacy X/Z asset keys and their altnames (GET /0/public/Assets: https://docs.kraken.com/api-reference/market-data/get-asset-info);
            // XBT is bitcoin and XDG dogecoin (Kraken support article 360001206766). A leading X or Z is never stripped blindly: XRP, XTZ and ZEC are codes.
            ["XXBT"] = "BTC",
            ["XBT"] = "BTC",
            ["XETH"] = "ETH",
            ["XXDG"] = "DOGE",
            ["XDG"] = "DOGE",
            ["XXRP"] = "XRP",
            ["XXLM"] = "XLM",
            ["XXMR"] = "XMR",
            ["XLTC"] = "LTC",
            ["XETC"] = "ETC",
            ["XZEC"] = "ZEC",
            ["XREP"] = "REP",
            ["XMLN"] = "MLN",
            ["ZUSD"] = "USD",
            ["ZEUR"] = "EUR",
            ["ZGBP"] = "GBP",
            ["ZCAD"] = "CAD",
            ["ZJPY"] = "JPY",
            ["ZAUD"] = "AUD",
            ["ZCHF"] = "CHF",

            // Ether staked before the Shanghai upgrade, in the official Balance example (ETH2, ETH2.S).
            ["ETH2"] = "ETH",
        },
    };

    [GeneratedRegex("^[A-Za-z0-9+/]{56}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9+/]{86}==$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"^\S{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex OtpPattern();
}
