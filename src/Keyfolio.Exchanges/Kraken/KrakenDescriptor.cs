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
            new(CredentialFieldKind.ApiKey, new("API Key", "API Key（公钥）"), true, new(KeyPattern(), new("56 Base64 characters", "56 位 Base64 字符"))),
            new(CredentialFieldKind.Secret, new("Private Key", "Private Key（私钥）"), true, new(SecretPattern(), new("88 Base64 characters ending in ==", "以 == 结尾的 88 位 Base64 字符"))),
            // Only for a key with two-factor authentication (Kraken support article 360000714526): sent as "otp" with every call.
            new(CredentialFieldKind.Passphrase, new("2FA password (only if the key has two-factor authentication)", "2FA 密码（仅当该密钥开启了双重验证时填写）"), false,
                new(OtpPattern(), new("the key's 2FA password, without spaces", "该密钥的 2FA 密码，不含空格"))),
        ],
        Hosts =
        [
            new("global", new("Kraken", "Kraken"), ExchangeEnvironment.Live, new Uri("https://api.kraken.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = KrakenGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On Kraken, open Settings → API ({ApiPage}), edit this key and untick \"{WithdrawRight}\" (Funds permissions – Withdraw), then save; or create a key with only \"Query Funds\".",
                $"在 Kraken 打开 设置 → API（{ApiPage}），编辑此密钥，取消勾选“{WithdrawRight}”（资金权限 – 提现）后保存；或新建一个只勾选“Query Funds”的密钥。")),
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
