using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Okx;

internal static partial class OkxDescriptor
{
    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Okx,
        DisplayName = "OKX",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API key", "API key"), true, new(ApiKeyPattern(), new("a UUID: 32 hexadecimal digits in groups 8-4-4-4-12", "UUID 格式：32 位十六进制字符，按 8-4-4-4-12 分组"))),
            new(CredentialFieldKind.Secret, new("Secret key", "Secret key（密钥）"), true, new(SecretPattern(), new("32 hexadecimal digits", "32 位十六进制字符"))),
            new(CredentialFieldKind.Passphrase, new("Passphrase", "Passphrase（密码短语）"), true, new(PassphrasePattern(), new("the 1 to 32 characters you chose when creating the key", "创建密钥时设置的 1 至 32 个字符"))),
        ],
        Hosts =
        [
            new("global", new("OKX (global)", "OKX（全球站）"), ExchangeEnvironment.Live, new Uri("https://www.okx.com")),
            new("global", new("OKX (global)", "OKX（全球站）"), ExchangeEnvironment.Demo, new Uri("https://www.okx.com")),
            new("eea", new("OKX EEA", "OKX 欧洲经济区站"), ExchangeEnvironment.Live, new Uri("https://my.okx.com")),
            new("eea", new("OKX EEA", "OKX 欧洲经济区站"), ExchangeEnvironment.Demo, new Uri("https://my.okx.com")),
            new("us", new("OKX US", "OKX 美国站"), ExchangeEnvironment.Live, new Uri("https://app.okx.com")),
        ],
        ApiManagementPage = new Uri("https://www.okx.com/account/my-api"),
        Guide = OkxGuide.Instance,
    };

    [GeneratedRegex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[^\\s]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassphrasePattern();
}
