using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Htx;

internal static partial class HtxDescriptor
{
    private static readonly LocalizedText Expected = new(
        "four groups of lower-case letters and digits joined by dashes (xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxx)",
        "由短横线连接的四组小写字母和数字（xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxx）");

    private static readonly Uri ApiPage = new("https://www.htx.com/en-us/apikey/");
    private const string WithdrawRight = "Withdraw";

    /// <summary>The derivatives host beside each spot host: USDT- and coin-margined swaps and futures are served on
    /// api.hbdm.com, or api.hbdm.vn beside the AWS host (HTX API, "Access URLs": https://www.htx.com/en-us/opend/newApiPages/).
    /// A custom URL or an override (the simulator) serves both.</summary>
    public static IReadOnlyDictionary<Uri, Uri> ContractHosts { get; } = new Dictionary<Uri, Uri>
    {
        [new Uri("https://api.huobi.pro")] = new Uri("https://api.hbdm.com"),
        [new Uri("https://api-aws.huobi.pro")] = new Uri("https://api.hbdm.vn"),
    };

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Htx,
        Name = "htx",
        FormerNames = ["huobi"],
        DisplayName = "HTX",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("Access Key", "Access Key（访问密钥）"), true, new(KeyPattern(), Expected)),
            new(CredentialFieldKind.Secret, new("Secret Key", "Secret Key（私密密钥）"), true, new(KeyPattern(), Expected)),
        ],
        Hosts =
        [
            new("main", new("HTX (api.huobi.pro)", "HTX（api.huobi.pro）"), ExchangeEnvironment.Live, new Uri("https://api.huobi.pro")),
            new("aws", new("HTX on AWS (api-aws.huobi.pro)", "HTX AWS 线路（api-aws.huobi.pro）"), ExchangeEnvironment.Live, new Uri("https://api-aws.huobi.pro")),
        ],
        ApiManagementPage = ApiPage,
        Guide = HtxGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On HTX, open API Management ({ApiPage}), edit this key and untick \"{WithdrawRight}\"; keep only \"Read-only\".",
                $"在 HTX 打开 API 管理（{ApiPage}），编辑此密钥并取消“提币”权限，只保留“只读”。")),
        OffersIpWhitelist = true,

        // "Get Sub User's List" and "Get Account Balance of a Sub-User" need only the Read permission of the parent
        // account's key (https://www.htx.com/support/900001331346, https://huobiapi.github.io/docs/spot/v1/en/).
        SubAccounts = new(
            [WalletKind.Spot, WalletKind.Margin, WalletKind.Funding],
            HtxConnector.ReadRight,
            new("The read-only key of the HTX parent account lists its sub-users and reads each one's spot, margin, OTC and point accounts; their derivatives accounts are not read, and a sub-user's own key sees none.",
                "HTX 母账户的只读密钥可列出其子用户，并读取每个子用户的现货、杠杆、OTC 和点卡账户；子用户的合约账户不读取，子用户自己的密钥看不到子用户。")),
    };

    [GeneratedRegex("^[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{4,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
