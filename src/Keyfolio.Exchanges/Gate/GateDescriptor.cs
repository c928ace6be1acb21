using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Gate;

internal static partial class GateDescriptor
{
    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Gate,
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
        ApiManagementPage = new Uri("https://www.gate.com/myaccount/api_key_manage"),
        Guide = GateGuide.Instance,
    };

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
