using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Coinbase;

/// <summary>
/// Coinbase Advanced Trade with a CDP Secret API key: the key name <c>organizations/{org_id}/apiKeys/{key_id}</c> and
/// its EC P-256 private key, a PEM shown once when the key is created (CDP, "API Key Authentication":
/// https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication). The local checks
/// say exactly what a pasted value is when it is not that: a key of another generation (legacy keys expired in
/// February 2025: https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/legacy-keys), an Ed25519 key
/// (which the Advanced Trade APIs reject: same page, "Ed25519 (EdDSA) keys are NOT supported"), a public key, a cut-off
/// or escaped PEM.
/// </summary>
internal static partial class CoinbaseDescriptor
{
    private static readonly Uri ApiPage = new("https://portal.cdp.coinbase.com/projects/api-keys");

    /// <summary>The right's name in the CDP portal's API restrictions: "Transfer: send and receive funds, on and off
    /// platform" (CDP, "Authorization": https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization).</summary>
    private const string WithdrawRight = "Transfer";

    private static readonly LocalizedText EcdsaAdvice = new(
        "Create a new key in the CDP portal with the signature algorithm set to ECDSA (under Advanced settings) and only the View permission.",
        "请在 CDP 门户新建一个密钥，在“高级设置”（Advanced settings）中把签名算法改为 ECDSA，并只勾选“查看”（View）权限。");

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Coinbase,
        Name = "coinbase",
        DisplayName = "Coinbase",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, new("API key name", "API 密钥名称（API key name）"), true, new(KeyNamePattern(), new(
                "the key name organizations/{organization id}/apiKeys/{key id}, as the CDP portal shows it",
                "CDP 门户显示的密钥名称 organizations/{组织 ID}/apiKeys/{密钥 ID}"))
            { Check = CheckKeyName }),
            new(CredentialFieldKind.Secret, new("Private key", "私钥（Private key）"), true, new(PrivateKeyPattern(), new(
                "the EC private key, from -----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY-----",
                "EC 私钥，从 -----BEGIN EC PRIVATE KEY----- 到 -----END EC PRIVATE KEY-----"))
            { Check = CheckPrivateKey })
            { MultiLine = true },
        ],
        Hosts =
        [
            // The sandbox (api-sandbox.coinbase.com) takes no authentication and answers static bodies
            // (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/sandbox): there is no key to verify there.
            new("global", new("Coinbase", "Coinbase"), ExchangeEnvironment.Live, new Uri("https://api.coinbase.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = CoinbaseGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"In the CDP portal ({ApiPage}), delete this key and create a new one with only \"View\" ticked under API restrictions.",
                $"请在 CDP 门户（{ApiPage}）删除此密钥，并新建一个在“API 限制”（API restrictions）中只勾选“查看”（View）的密钥。")),

        // A key can be limited to IPs or CIDR ranges when it is created (CDP, "Security Best Practices":
        // https://docs.cdp.coinbase.com/get-started/authentication/security-best-practices); the API never reports the list.
        OffersIpWhitelist = true,
    };

    /// <summary>What a value in the key-name field is, when it is not a CDP key name.</summary>
    private static LocalizedText? CheckKeyName(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("{", StringComparison.Ordinal))
        {
            return new("The API key name field holds the whole downloaded key file: copy only the value of \"name\" (organizations/…/apiKeys/…) here, and the value of \"privateKey\" below.",
                "“API 密钥名称”栏中填入的是整个下载的密钥文件：请只把其中 \"name\" 的值（organizations/…/apiKeys/…）填在此处，把 \"privateKey\" 的值填在下面。");
        }

        if (value.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return new("The API key name field holds the private key: put the key name (organizations/…/apiKeys/…) here and the private key in the field below.",
                "“API 密钥名称”栏中填入的是私钥：请在此填写密钥名称（organizations/…/apiKeys/…），把私钥填入下面的栏位。");
        }

        if (value.Contains("PUBLIC KEY", StringComparison.Ordinal))
        {
            return new("The API key name field holds a public key: Keyfolio needs the key name (organizations/…/apiKeys/…), which the CDP portal shows beside the private key.",
                "“API 密钥名称”栏中填入的是公钥：Keyfolio 需要密钥名称（organizations/…/apiKeys/…），CDP 门户会在私钥旁显示它。");
        }

        if (UuidPattern().IsMatch(value))
        {
            return Ed25519Refusal(
                "This is the ID of an Ed25519 key: Coinbase's trading API does not accept Ed25519 keys. ",
                "这是 Ed25519 密钥的 ID：Coinbase 的交易 API 不接受 Ed25519 密钥。");
        }

        if (LegacyKeyPattern().IsMatch(value))
        {
            return new("This is a legacy Coinbase API key: Coinbase expired all legacy keys in February 2025. Create a CDP Secret API key in the CDP portal (ECDSA, View only).",
                "这是旧版 Coinbase API 密钥：Coinbase 已于 2025 年 2 月让所有旧版密钥失效。请在 CDP 门户创建 CDP Secret API 密钥（ECDSA，只勾选“查看”）。");
        }

        if (Any(value, c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\''))
        {
            return new("The API key name contains a space, a line break or a quote: copy the name again without them.",
                "API 密钥名称中含有空格、换行或引号：请重新复制名称，不要带这些字符。");
        }

        if (!value.StartsWith("organizations/", StringComparison.Ordinal))
        {
            return new($"The API key name should start with \"organizations/\" and read organizations/{{organization id}}/apiKeys/{{key id}}; the value given has {value.Length} characters and starts otherwise.",
                $"API 密钥名称应以 \"organizations/\" 开头，形如 organizations/{{组织 ID}}/apiKeys/{{密钥 ID}}；当前输入为 {value.Length} 个字符，开头不符。");
        }

        return KeyNamePattern().IsMatch(value)
            ? null
            : new("The API key name should read organizations/{organization id}/apiKeys/{key id}, each id a UUID (8-4-4-4-12 hexadecimal digits); part of it is missing or cut off.",
                "API 密钥名称应形如 organizations/{组织 ID}/apiKeys/{密钥 ID}，两个 ID 都是 UUID（8-4-4-4-12 位十六进制）；其中有部分缺失或被截断。");
    }

    /// <summary>What a value in the private-key field is, when it is not an EC P-256 private key.</summary>
    private static LocalizedText? CheckPrivateKey(ReadOnlySpan<char> value)
    {
        if (value.Contains("PUBLIC KEY", StringComparison.Ordinal))
        {
            return new("This is a public key: Keyfolio needs the private key (-----BEGIN EC PRIVATE KEY-----), which the CDP portal shows only once when the key is created. If you no longer have it, delete the key and create a new one.",
                "这是公钥：Keyfolio 需要私钥（-----BEGIN EC PRIVATE KEY-----），CDP 门户只在创建密钥时显示一次。如已找不到，请删除该密钥并新建一个。");
        }

        if (value.StartsWith("organizations/", StringComparison.Ordinal))
        {
            return new("The private key field holds the key name: put the name in the API key name field and the private key (-----BEGIN EC PRIVATE KEY-----…) here.",
                "“私钥”栏中填入的是密钥名称：请把名称填入“API 密钥名称”栏，在此填写私钥（-----BEGIN EC PRIVATE KEY-----…）。");
        }

        if (!value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            if (Ed25519SecretPattern().IsMatch(value))
            {
                return Ed25519Refusal(
                    "This is the private key of an Ed25519 key: Coinbase's trading API does not accept Ed25519 keys. ",
                    "这是 Ed25519 密钥的私钥：Coinbase 的交易 API 不接受 Ed25519 密钥。");
            }

            if (LegacySecretPattern().IsMatch(value))
            {
                return new("This is the secret of a legacy Coinbase API key: Coinbase expired all legacy keys in February 2025. Create a CDP Secret API key in the CDP portal (ECDSA, View only).",
                    "这是旧版 Coinbase API 密钥的 Secret：Coinbase 已于 2025 年 2 月让所有旧版密钥失效。请在 CDP 门户创建 CDP Secret API 密钥（ECDSA，只勾选“查看”）。");
            }

            return new($"The private key should start with -----BEGIN EC PRIVATE KEY-----; the value given ({value.Length} characters) has no such line. Copy the whole private key from the CDP portal or from the downloaded key file.",
                $"私钥应以 -----BEGIN EC PRIVATE KEY----- 开头；当前输入（{value.Length} 个字符）中没有这一行。请从 CDP 门户或下载的密钥文件中复制完整私钥。");
        }

        if (!value.Contains("-----END", StringComparison.Ordinal))
        {
            return value.TrimEnd().EndsWith("-----", StringComparison.Ordinal) && !value.Contains('\n') && !value.Contains("\\n", StringComparison.Ordinal)
                ? new("Only the first line of the private key arrived: a terminal prompt reads one line. Paste the key as one line with \\n between its lines, as the downloaded key file has it, or give it on standard input (--credentials-stdin).",
                    "只收到了私钥的第一行：终端提示只读取一行。请把私钥粘贴为一行、各行之间用 \\n 连接（与下载的密钥文件相同），或通过标准输入提供（--credentials-stdin）。")
                : new("The private key is cut off: it has no -----END EC PRIVATE KEY----- line. Copy it again, whole.",
                    "私钥不完整：缺少 -----END EC PRIVATE KEY----- 这一行。请重新完整复制。");
        }

        if (value.Contains("BEGIN OPENSSH PRIVATE KEY", StringComparison.Ordinal) || value.Contains("BEGIN RSA PRIVATE KEY", StringComparison.Ordinal))
        {
            return new("This is not a Coinbase key: Coinbase's private keys start with -----BEGIN EC PRIVATE KEY-----.",
                "这不是 Coinbase 的密钥：Coinbase 的私钥以 -----BEGIN EC PRIVATE KEY----- 开头。");
        }

        try
        {
            using var key = CoinbaseSigner.ImportPrivateKey(value);
            return null;
        }
        catch (CryptographicException)
        {
            return IsEd25519Pkcs8(value)
                ? Ed25519Refusal(
                    "This is the private key of an Ed25519 key: Coinbase's trading API does not accept Ed25519 keys. ",
                    "这是 Ed25519 密钥的私钥：Coinbase 的交易 API 不接受 Ed25519 密钥。")
                : new("The private key does not read as an EC P-256 key: a character between the BEGIN and END lines is missing or changed. Copy it again from the CDP portal or the downloaded key file.",
                    "私钥无法解析为 EC P-256 密钥：BEGIN 与 END 之间缺少或改动了字符。请从 CDP 门户或下载的密钥文件中重新复制。");
        }
    }

    /// <summary>A PKCS#8 key whose algorithm is Ed25519 (OID 1.3.101.112: the DER bytes 06 03 2B 65 70).</summary>
    private static bool IsEd25519Pkcs8(ReadOnlySpan<char> value)
    {
        if (!value.Contains("BEGIN PRIVATE KEY", StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new char[value.Length];
        try
        {
            var length = CoinbaseSigner.Unescape(value, buffer);
            if (!System.Security.Cryptography.PemEncoding.TryFind(buffer.AsSpan(0, length), out var fields))
            {
                return false;
            }

            var base64 = buffer.AsSpan(0, length)[fields.Base64Data];
            var der = new byte[fields.DecodedDataLength];
            try
            {
                return Convert.TryFromBase64Chars(base64, der, out var written) && der.AsSpan(0, written).IndexOf(new byte[] { 0x06, 0x03, 0x2B, 0x65, 0x70 }) >= 0;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(der);
            }
        }
        finally
        {
            Array.Clear(buffer);
        }
    }

    /// <summary>An Ed25519 refusal, followed by how to get a key the trading API accepts.</summary>
    private static LocalizedText Ed25519Refusal(string en, string zh) => new(en + EcdsaAdvice.En, zh + EcdsaAdvice.Zh);

    private static bool Any(ReadOnlySpan<char> value, Func<char, bool> test)
    {
        foreach (var c in value)
        {
            if (test(c))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("^organizations/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/apiKeys/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyNamePattern();

    /// <summary>For the browser's instant check: a SEC1 PEM, its line breaks real or escaped.</summary>
    [GeneratedRegex(@"^""?-----BEGIN EC PRIVATE KEY-----(\s|\\n|\\r|[A-Za-z0-9+/=])+-----END EC PRIVATE KEY-----(\s|\\n|\\r)*""?$", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    /// <summary>Base64 of a 32-byte seed (44 characters) or of seed ‖ public key (88 characters), as the CDP portal issues Ed25519 secrets.</summary>
    [GeneratedRegex("^([A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==)$", RegexOptions.CultureInvariant)]
    private static partial Regex Ed25519SecretPattern();

    /// <summary>Legacy keys: 16 letters and digits (<c>g3BLnUYMOQsIo9V5</c> on the legacy-keys page).</summary>
    [GeneratedRegex("^[A-Za-z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyKeyPattern();

    /// <summary>Legacy secrets: 32 letters and digits.</summary>
    [GeneratedRegex("^[A-Za-z0-9]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacySecretPattern();
}
