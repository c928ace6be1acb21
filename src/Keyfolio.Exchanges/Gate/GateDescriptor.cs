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
            new(CredentialFieldKind.ApiKey, Texts.Of("Key"), true, new(KeyPattern(), Texts.Of("32HexadecimalDigits"))),
            new(CredentialFieldKind.Secret, Texts.Of("Secret"), true, new(SecretPattern(), Texts.Of("64HexadecimalDigits"))),
        ],
        Hosts =
        [
            new("main", LocalizedText.Same("Gate"), ExchangeEnvironment.Live, new Uri("https://api.gateio.ws")),
            new("main", LocalizedText.Same("Gate"), ExchangeEnvironment.Testnet, new Uri("https://api-testnet.gateapi.io")),
        ],
        ApiManagementPage = ApiPage,
        Guide = GateGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnGateOpenAPIManagement", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,

        // The main account's key lists its sub-accounts and reads their wallets through the wallet's sub-account endpoints
        // (Gate API v4, "List sub-accounts" and "Query sub-account … balance information":
        // https://www.gate.com/docs/developers/apiv4/en/#list-sub-accounts). The docs name no permission group for them.
        SubAccounts = new(
            [WalletKind.Spot, WalletKind.Margin, WalletKind.Futures],
            GateConnector.SubAccountRight,
            Texts.Of("MainKeyReadsSubAccounts")),
    };

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
