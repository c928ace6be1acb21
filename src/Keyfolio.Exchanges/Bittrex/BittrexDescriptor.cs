using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Bittrex;

internal static partial class BittrexDescriptor
{
    private static readonly LocalizedText Expected = new("32 hexadecimal digits", "32 位十六进制字符");

    private static readonly Uri ApiPage = new("https://global.bittrex.com/Manage#sectionApi");

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Bittrex,
        Name = "bittrex",
        DisplayName = "Bittrex",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("Key", "Key（API 密钥）"), true, new(HexPattern(), Expected)),
            new(CredentialFieldKind.Secret, new("Secret", "Secret（密钥）"), true, new(HexPattern(), Expected)),
        ],
        Hosts = [new("main", new("Bittrex Global", "Bittrex Global"), ExchangeEnvironment.Live, new Uri("https://api.bittrex.com"))],
        ApiManagementPage = ApiPage,
        IsOperating = false,
        ClosedNotice = new(
            "Bittrex closed: Bittrex Global wound down its exchange in December 2023 and its API no longer answers. Keyfolio makes no call to it.",
            "Bittrex 已关闭：Bittrex Global 已于 2023 年 12 月停止运营交易所，其 API 不再响应。Keyfolio 不会再向其发送请求。"),
        Guide = BittrexGuide.Instance,
    };

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();
}
