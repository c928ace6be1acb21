using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Htx;

internal static partial class HtxDescriptor
{
    private static readonly LocalizedText Expected = new(
        "four groups of lower-case letters and digits joined by dashes (xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxx)",
        "由短横线连接的四组小写字母和数字（xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxx）");

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Htx,
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
        ApiManagementPage = new Uri("https://www.htx.com/en-us/apikey/"),
        Guide = HtxGuide.Instance,
    };

    [GeneratedRegex("^[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{4,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
