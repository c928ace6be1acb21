using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Bittrex;

internal static partial class BittrexDescriptor
{
    private static readonly LocalizedText Expected = Texts.Of("32HexadecimalDigits");

    private static readonly Uri ApiPage = new("https://global.bittrex.com/Manage#sectionApi");

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Bittrex,
        Name = "bittrex",
        DisplayName = "Bittrex",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, Texts.Of("Key"), true, new(HexPattern(), Expected)),
            new(CredentialFieldKind.Secret, Texts.Of("Secret"), true, new(HexPattern(), Expected)),
        ],
        Hosts = [new("main", LocalizedText.Same("Bittrex Global"), ExchangeEnvironment.Live, new Uri("https://api.bittrex.com"))],
        ApiManagementPage = ApiPage,
        IsOperating = false,
        ClosedNotice = Texts.Of("BittrexClosedBittrexGlobalWound"),
        Guide = BittrexGuide.Instance,
    };

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();
}
