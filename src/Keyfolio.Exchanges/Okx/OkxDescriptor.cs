using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Okx;

internal static partial class OkxDescriptor
{
    private static readonly Uri ApiPage = new("https://www.okx.com/account/my-api");
    private const string WithdrawRight = "Withdraw";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Okx,
        Name = "okx",
        FormerNames = ["okex"],
        DisplayName = "OKX",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API key", "API key"), true, new(ApiKeyPattern(), new("a UUID: 32 hexadecimal digits in groups 8-4-4-4-12", "UUID 格式：32 位十六进制字符，按 8-4-4-4-12 分组"))),
            new(CredentialFieldKind.Secret, new("Secret key", "Secret key（密钥）"), true, new(SecretPattern(), new("32 hexadecimal digits", "32 位十六进制字符"))),
            new(CredentialFieldKind.Passphrase, new("Passphrase", "Passphrase（密码短语）"), true, new(PassphrasePattern(), new("the 1 to 32 characters you chose when creating the key", "创建密钥时设置的 1 至 32 个字符"))),
        ],
        Hosts =
        [
            new("global", new("OKX (global)", "OKX（全球站）"), ExchangeEnvironment.Live, new Uri("https://www.okx.com")),
            new("global", new("OKX (global)", "OKX（全球站）"), ExchangeEnvironment.Demo, new Uri("https://www.okx.com")),
            new("eea", new("OKX EEA", "OKX 欧洲经济区站"), ExchangeEnvironment.Live, new Uri("https://my.okx.com")),
            new("eea", new("OKX EEA", "OKX 欧洲经济区站"), ExchangeEnvironment.Demo, new Uri("https://my.okx.com")),
            new("us", new("OKX US", "OKX 美国站"), ExchangeEnvironment.Live, new Uri("https://app.okx.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = OkxGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On OKX, open API ({ApiPage}), edit this key and clear the \"{WithdrawRight}\" permission; keep only \"Read\". OKX may ask you to create a new key instead.",
                $"在 OKX 打开 API 页面（{ApiPage}），编辑此密钥并取消“提币”权限，只保留“读取”。如无法修改，请新建只读密钥。")),
        OffersIpWhitelist = true,
        IdleKeyDeletion = new(
            new("OKX deletes a key that can trade or withdraw and has no IP address after 14 days without use.", "OKX 会删除可交易或提币且未绑定 IP、连续 14 天未使用的密钥。"),
            new("Bind the key to this host's IP address on OKX, or replace it with a read-only key.", "请在 OKX 为此密钥绑定本机 IP，或换成只读密钥。")),
        QrPassphraseNote = new(
            "OKX never puts the Passphrase in the QR code: type the one you chose when creating the key.",
            "OKX 的二维码中从不包含 Passphrase：请输入创建密钥时设置的密码短语。"),

        // "Get sub-account list", "Get sub-account trading balance" and "Get sub-account funding balance" are for master
        // accounts, with the "Read" permission (https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-list).
        SubAccounts = new(
            [WalletKind.Trading, WalletKind.Funding],
            "Read",
            new("The read-only key of the OKX master account lists its sub-accounts and reads each one's trading and funding accounts; a sub-account's own key sees none.",
                "OKX 主账户的只读密钥可列出其子账户并读取每个子账户的交易账户和资金账户；子账户自己的密钥看不到子账户。")),
    };

    [GeneratedRegex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[^\\s]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassphrasePattern();
}
