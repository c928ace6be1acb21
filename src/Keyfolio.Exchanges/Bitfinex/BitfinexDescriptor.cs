using System.Text.RegularExpressions;
using Keyfolio.Exchanges.QrCodes;

namespace Keyfolio.Exchanges.Bitfinex;

internal static partial class BitfinexDescriptor
{
    private static readonly LocalizedText Expected = Texts.Of("43LettersAndDigits");

    private static readonly Uri ApiPage = new("https://setting.bitfinex.com/api");
    private const string WithdrawRight = "Withdrawals (Create and cancel withdrawal requests)";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Bitfinex,
        Name = "bitfinex",
        DisplayName = "Bitfinex",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKey"), true, new(KeyPattern(), Expected)),
            new(CredentialFieldKind.Secret, Texts.Of("APIKeySecret"), true, new(KeyPattern(), Expected)),
        ],
        Hosts =
        [
            new("main", LocalizedText.Same("Bitfinex"), ExchangeEnvironment.Live, new Uri("https://api.bitfinex.com"), new Uri("https://api-pub.bitfinex.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = BitfinexGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnBitfinexAPIKeysCannot", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,
        AssetAliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UST"] = "USDT",
            ["UDC"] = "USDC",
            ["DSH"] = "DASH",
            ["IOT"] = "IOTA",
            ["QTM"] = "QTUM",
            ["DAT"] = "DATA",
            ["QSH"] = "QASH",
            ["YYW"] = "YOYOW",
            ["MNA"] = "MANA",
            ["STJ"] = "STORJ",
            ["ALG"] = "ALGO",
            ["EUT"] = "EURT",
            ["XAUT"] = "XAUT",
            ["MIT"] = "MITH",
            ["SNG"] = "SNGLS",
            ["ABS"] = "ABYSS",
            ["AIO"] = "AION",
            ["ATO"] = "ATOM",
            ["WBT"] = "WBTC",
        },
        // Bitfinex's QR text ends in -key:KEY-secret:SECRET.
        QrText = new QrTextForm("-key:", "-secret:"),
    };

    [GeneratedRegex("^[A-Za-z0-9]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
