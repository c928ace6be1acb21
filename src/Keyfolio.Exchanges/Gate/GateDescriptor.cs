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
    };

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
