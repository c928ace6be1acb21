using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.HitBtc;

internal static partial class HitBtcDescriptor
{
    private static readonly LocalizedText Expected = new("20 to 64 letters, digits, dashes or underscores", "20 至 64 个字母、数字、短横线或下划线");

    private static readonly Uri ApiPage = new("https://hitbtc.com/settings/api-keys");
    private const string WithdrawRight = "Withdraw cryptocurrencies";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.HitBtc,
        Name = "hitbtc",
        DisplayName = "HitBTC",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API key", "API key"), true, new(KeyPattern(), Expected)),
            new(CredentialFieldKind.Secret, new("Secret key", "Secret key（密钥）"), true, new(KeyPattern(), Expected)),
        ],
        Hosts =
        [
            new("main", new("HitBTC", "HitBTC"), ExchangeEnvironment.Live, new Uri("https://api.hitbtc.com")),
            new("main", new("HitBTC", "HitBTC"), ExchangeEnvironment.Testnet, new Uri("https://api.demo.hitbtc.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = HitBtcGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On HitBTC, open API keys ({ApiPage}), edit this key and untick \"{WithdrawRight}\"; keep only the reading rights.",
                $"在 HitBTC 打开 API 密钥页面（{ApiPage}），编辑此密钥并取消“{WithdrawRight}”，只保留读取权限。")),
        AssetAliases = new Dictionary<string, string>(StringComparer.Ordinal) { ["USD"] = "USDT" },
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{20,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
