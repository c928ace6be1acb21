using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Binance;

internal static partial class BinanceDescriptor
{
    private static readonly LocalizedText Expected = new("64 letters and digits", "64 位字母和数字");

    private static readonly Uri ApiPage = new("https://www.binance.com/en/my/settings/api-management");
    private const string WithdrawRight = "Enable Withdrawals";

    /// <summary>
    /// USDⓈ-M futures live on fapi.binance.com and COIN-M futures on dapi.binance.com, beside api.binance.com (USDⓈ-M
    /// Futures, "General Info": https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info; COIN-M
    /// Futures, "General Info": https://developers.binance.com/docs/derivatives/coin-margined-futures/general-info). A custom
    /// URL or a host override serves all three, as the simulator does.
    /// </summary>
    public static IReadOnlyDictionary<Uri, (Uri UsdsFutures, Uri CoinFutures)> FuturesHosts { get; } = new Dictionary<Uri, (Uri, Uri)>
    {
        [new Uri("https://api.binance.com")] = (new Uri("https://fapi.binance.com"), new Uri("https://dapi.binance.com")),
    };

    /// <summary>
    /// Earn, margin and futures are wallets of Binance.com live accounts. Binance.US offers none of them (its API,
    /// https://docs.binance.us, has spot, wallet, staking, OTC and sub-account endpoints only), and the spot testnet serves
    /// the spot API alone (futures have their own testnet with its own keys), so there only spot and funding are read.
    /// </summary>
    public static bool HasEveryWallet(ExchangeEndpoint endpoint) =>
        endpoint.Environment == ExchangeEnvironment.Live && string.Equals(endpoint.Region ?? "com", "com", StringComparison.OrdinalIgnoreCase);

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Binance,
        Name = "binance",
        DisplayName = "Binance",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API Key", "API Key"), true, new(SixtyFourAlphanumerics(), Expected)),
            new(CredentialFieldKind.Secret, new("Secret Key", "Secret Key（密钥）"), true, new(SixtyFourAlphanumerics(), Expected)),
        ],
        Hosts =
        [
            new("com", new("Binance.com", "Binance.com（全球站）"), ExchangeEnvironment.Live, new Uri("https://api.binance.com")),
            new("com", new("Binance.com", "Binance.com（全球站）"), ExchangeEnvironment.Testnet, new Uri("https://testnet.binance.vision")),
            new("us", new("Binance.US", "Binance.US（美国站）"), ExchangeEnvironment.Live, new Uri("https://api.binance.us")),
        ],
        ApiManagementPage = ApiPage,
        Guide = BinanceGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On Binance, open API Management ({ApiPage}), choose Edit restrictions on this key and untick \"{WithdrawRight}\", then save. Keyfolio needs only \"Enable Reading\".",
                $"在币安打开 API 管理（{ApiPage}），对此密钥选择“编辑权限”，取消勾选“{WithdrawRight}”（允许提现）并保存。Keyfolio 只需要“允许读取”。")),
        OffersIpWhitelist = true,
    };

    [GeneratedRegex("^[A-Za-z0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SixtyFourAlphanumerics();
}
