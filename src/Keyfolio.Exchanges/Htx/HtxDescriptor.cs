using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Htx;

internal static partial class HtxDescriptor
{
    private static readonly LocalizedText Expected = Texts.Of("FourGroupsOfLowerCase");

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
            new(CredentialFieldKind.ApiKey, Texts.Of("AccessKey"), true, new(KeyPattern(), Expected)),
            new(CredentialFieldKind.Secret, Texts.Of("SecretKey"), true, new(KeyPattern(), Expected)),
        ],
        Hosts =
        [
            new("main", Texts.Of("HTXApiHuobiPro"), ExchangeEnvironment.Live, new Uri("https://api.huobi.pro")),
            new("aws", Texts.Of("HTXOnAWSApiAws"), ExchangeEnvironment.Live, new Uri("https://api-aws.huobi.pro")),
        ],
        ApiManagementPage = ApiPage,
        Guide = HtxGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnHTXOpenAPIManagement", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,

        // "Get Sub User's List" and "Get Account Balance of a Sub-User" need only the Read permission of the parent
        // account's key (https://www.htx.com/support/900001331346, https://huobiapi.github.io/docs/spot/v1/en/).
        SubAccounts = new(
            [WalletKind.Spot, WalletKind.Margin, WalletKind.Funding],
            HtxConnector.ReadRight,
            Texts.Of("TheReadOnlyKeyOf")),
    };

    [GeneratedRegex("^[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{4,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
