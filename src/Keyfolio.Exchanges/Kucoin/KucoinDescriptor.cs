using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Kucoin;

internal static partial class KucoinDescriptor
{
    private static readonly Uri ApiPage = new("https://www.kucoin.com/account/api");

    /// <summary>The right's name on KuCoin's API page; the key-info endpoint reports it as the token <c>Transfer</c>
    /// (KuCoin API, "Get API Key Info": https://www.kucoin.com/docs-new/rest/account-info/account-funding/get-apikey-info).</summary>
    private const string WithdrawRight = "Withdrawal";

    /// <summary>Futures live on their own host (KuCoin API, "Introduction", base URLs: https://www.kucoin.com/docs-new/introduction);
    /// a custom URL or a host override serves both, as the simulator does.</summary>
    public static IReadOnlyDictionary<Uri, Uri> FuturesHosts { get; } = new Dictionary<Uri, Uri>
    {
        [new Uri("https://api.kucoin.com")] = new Uri("https://api-futures.kucoin.com"),
    };

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Kucoin,
        Name = "kucoin",
        DisplayName = "KuCoin",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API Key", "API Key"), true, new(KeyPattern(), new("24 hexadecimal digits", "24 位十六进制字符"))),
            new(CredentialFieldKind.Secret, new("API Secret", "API Secret（密钥）"), true, new(SecretPattern(), new(
                "the secret KuCoin showed once when the key was created, usually 36 characters in groups 8-4-4-4-12",
                "创建密钥时 KuCoin 只显示一次的 Secret，通常为 36 个字符，按 8-4-4-4-12 分组"))),
            new(CredentialFieldKind.Passphrase, new("API Passphrase", "API Passphrase（API 密码）"), true, new(PassphrasePattern(), new(
                "the passphrase you set when creating the key: up to 32 characters, no spaces",
                "创建密钥时设置的 API 密码：最多 32 个字符，不含空格"))),
        ],
        Hosts =
        [
            // KuCoin's sandbox (openapi-sandbox.kucoin.com) was withdrawn in 2023; there is no test environment to offer.
            new("global", new("KuCoin", "KuCoin"), ExchangeEnvironment.Live, new Uri("https://api.kucoin.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = KucoinGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On KuCoin, open API Management ({ApiPage}), edit this key and untick \"{WithdrawRight}\"; keep only \"General\". If KuCoin does not let you edit it, delete the key and create a read-only one.",
                $"在 KuCoin 打开 API 管理（{ApiPage}），编辑此密钥并取消勾选“提现”（{WithdrawRight}），只保留“通用”（General）。如无法修改，请删除该密钥并新建一个只读密钥。")),
        OffersIpWhitelist = true,
        IdleKeyDeletion = new(
            new("KuCoin deletes a key that can trade and has no IP address, or disables its trading rights, after 30 days without use.",
                "对于可交易且未绑定 IP 的密钥，KuCoin 会在其连续 30 天未使用后将其删除或停用其交易权限。"),
            new("Bind the key to this host's IP address on KuCoin, or replace it with a key that has only the \"General\" permission.",
                "请在 KuCoin 为此密钥绑定本机 IP，或换成只有“通用”（General）权限的密钥。")),

        // KuCoin Futures calls bitcoin XBT (KuCoin API, "Get Account - Futures": currency "XBT").
        AssetAliases = new Dictionary<string, string>(StringComparer.Ordinal) { ["XBT"] = "BTC" },

        // "Get Account Summary Info", "Get SubAccount List - Spot Balance (V2)" and "Get SubAccount List - Futures Balance (V2)"
        // need only the General permission of the master account's key (https://www.kucoin.com/docs-new/api-3470119,
        // …/api-3470133, …/api-3470134).
        SubAccounts = new(
            [WalletKind.Funding, WalletKind.Spot, WalletKind.Margin, WalletKind.Futures],
            "General",
            new("The \"General\" key of the KuCoin master account lists its sub-accounts and reads each one's funding, spot, cross margin and futures accounts; a sub-account's own key sees none.",
                "KuCoin 主账户仅有“通用”（General）权限的密钥即可列出其子账户，并读取每个子账户的资金账户、现货账户、全仓杠杆和合约账户；子账户自己的密钥看不到子账户。")),
    };

    [GeneratedRegex("^[0-9A-Fa-f]{24}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    // KuCoin masks secrets in its current examples, so the format of new keys' secrets is not published: accept any
    // secret of letters, digits and dashes of a plausible length (every published one is a lowercase UUID).
    [GeneratedRegex("^[0-9A-Za-z-]{16,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[^\\s]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassphrasePattern();
}
