using System.Text.RegularExpressions;
using Keyfolio.Exchanges.QrCodes;

namespace Keyfolio.Exchanges.Bitfinex;

internal static partial class BitfinexDescriptor
{
    private static readonly LocalizedText Expected = new("43 letters and digits", "43 位字母和数字");

    private static readonly Uri ApiPage = new("https://setting.bitfinex.com/api");
    private const string WithdrawRight = "Withdrawals (Create and cancel withdrawal requests)";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Bitfinex,
        Name = "bitfinex",
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
        ApiManagementPage = ApiPage,
        Guide = BitfinexGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On Bitfinex, API keys cannot be edited: create a new key at {ApiPage} with \"{WithdrawRight}\" left off (read permissions only) and use it instead.",
                $"Bitfinex 的 API 密钥不能修改：请在 {ApiPage} 新建一个不勾选提现权限（只勾选读取权限）的密钥并改用它。")),
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
