using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Gate;

internal static partial class GateDescriptor
{
    private static readonly Uri ApiPage = new("https://www.gate.com/myaccount/api_key_manage");
    private const string WithdrawRight = "Withdrawal";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Gate,
        Name = "gate",
        FormerNames = ["gateio", "gate.io"],
        DisplayName = "Gate",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("Key", "Key（API 密钥）"), true, new(KeyPattern(), new("32 hexadecimal digits", "32 位十六进制字符"))),
            new(CredentialFieldKind.Secret, new("Secret", "Secret（密钥）"), true, new(SecretPattern(), new("64 hexadecimal digits", "64 位十六进制字符"))),
        ],
        Hosts =
        [
            new("main", new("Gate", "Gate"), ExchangeEnvironment.Live, new Uri("https://api.gateio.ws")),
            new("main", new("Gate", "Gate"), ExchangeEnvironment.Testnet, new Uri("https://api-testnet.gateapi.io")),
        ],
        ApiManagementPage = ApiPage,
        Guide = GateGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On Gate, open API Management ({ApiPage}), edit this key and set \"{WithdrawRight}\" to disabled; keep the other groups read-only.",
                $"在 Gate 打开 API 管理（{ApiPage}），编辑此密钥并关闭“提现”权限，其他权限组保持只读。")),
        OffersIpWhitelist = true,

        // The main account's key lists its sub-accounts and reads their wallets through the wallet's sub-account endpoints
        // (Gate API v4, "List sub-accounts" and "Query sub-account … balance information":
        // https://www.gate.com/docs/developers/apiv4/en/#list-sub-accounts). The docs name no permission group for them.
        SubAccounts = new(
            [WalletKind.Spot, WalletKind.Margin, WalletKind.Futures],
            GateConnector.SubAccountRight,
            new("The Gate main account's key lists its sub-accounts and reads each one's spot account, isolated and cross margin and USDT and BTC perpetual futures; Gate does not document which permission group this needs (wallet, read only, is assumed), and a sub-account's own key sees none.",
                "Gate 主账户的密钥可列出其子账户，并读取每个子账户的现货账户、逐仓和全仓杠杆以及 USDT 和 BTC 永续合约；Gate 未说明所需的权限组（此处假定为钱包只读），子账户自己的密钥看不到子账户。")),
    };

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
