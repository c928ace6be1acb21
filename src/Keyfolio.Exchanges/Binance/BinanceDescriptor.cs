using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Formats;

namespace Keyfolio.Exchanges.Binance;

internal static partial class BinanceDescriptor
{
    private static readonly LocalizedText Expected = new("64 letters and digits", "64 位字母和数字");

    private static readonly LocalizedText SecretLabel = new("Secret Key", "Secret Key（密钥）");

    private static readonly LocalizedText SecretExpected = new(
        "64 letters and digits (the Secret Key of a system-generated key), or the private key of a self-generated Ed25519 or RSA key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----",
        "64 位字母和数字（系统生成密钥的 Secret Key），或自行生成的 Ed25519 或 RSA 密钥的私钥，从 -----BEGIN PRIVATE KEY----- 到 -----END PRIVATE KEY-----");

    /// <summary>The secret of a system-generated (HMAC) key, whose form the shared checks explain.</summary>
    private static readonly CredentialField HmacSecret = new(CredentialFieldKind.Secret, SecretLabel, true, new(SixtyFourAlphanumerics(), Expected));

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
            // A system-generated key's HMAC secret, or the private key of a self-generated Ed25519 or RSA key, whose
            // public half was registered with Binance ("API Key Types":
            // https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types).
            new(CredentialFieldKind.Secret, SecretLabel, true, new(SecretPattern(), SecretExpected) { Check = CheckSecret }) { MultiLine = true },
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

        // "Query Sub-account List (For Master Account)", "Query Sub-account Assets", "Get Detail on Sub-account's Futures
        // Account V2", "Get Detail on Sub-account's Margin Account" and "Get Sub-account's Status on Margin Or Futures" need
        // only reading on the master account's key (https://developers.binance.com/docs/sub_account/account-management/Query-Sub-account-List,
        // …/asset-management/Query-Sub-account-Assets-V3, …/asset-management/Get-Detail-on-Sub-accounts-Futures-Account-V2,
        // …/asset-management/Get-Detail-on-Sub-accounts-Margin-Account, …/account-management/Get-Sub-accounts-Status-on-Margin-Or-Futures).
        SubAccounts = new(
            [WalletKind.Spot, WalletKind.Futures, WalletKind.Margin],
            "Enable Reading",
            new("The read-only key of the Binance master account lists its sub-accounts and reads each one's spot wallet, USDⓈ-M and COIN-M futures and cross margin; a sub-account's own key sees none.",
                "币安主账户的只读密钥可列出其子账户，并读取每个子账户的现货钱包、U本位和币本位合约以及全仓杠杆；子账户自己的密钥看不到子账户。")),
    };

    /// <summary>What the secret field holds when it is neither a 64-character HMAC secret nor a PKCS#8 Ed25519 or RSA
    /// private key of the sizes Binance accepts.</summary>
    private static LocalizedText? CheckSecret(ReadOnlySpan<char> value)
    {
        if (value.Contains("PUBLIC KEY", StringComparison.Ordinal))
        {
            return new("This is the public key, the half you registered with Binance: Keyfolio signs with the private key that stayed with you (-----BEGIN PRIVATE KEY-----, the file Binance's key generator saved as the private key). If it is lost, delete the API key on Binance and register a new key pair.",
                "这是公钥，即您在币安登记的那一半：Keyfolio 用留在您手中的私钥签名（-----BEGIN PRIVATE KEY-----，币安密钥生成器保存的私钥文件）。如私钥已丢失，请在币安删除该 API 密钥并登记新的密钥对。");
        }

        if (!value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var labelled = value.Contains("PRIVATE KEY", StringComparison.Ordinal);
            var problem = labelled ? null : CredentialChecker.SharedProblem(HmacSecret, value);
            if (!labelled && problem is null)
            {
                return null;
            }

            // A PKCS#8 key's base64 starts MC4CAQAwBQYDK2Vw (Ed25519) or MII (RSA).
            return problem is null || value.StartsWith("MC4CAQ", StringComparison.Ordinal) || value.StartsWith("MII", StringComparison.Ordinal)
                ? new("The private key has lost its -----BEGIN PRIVATE KEY----- line: copy the whole file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.",
                    "私钥缺少 -----BEGIN PRIVATE KEY----- 这一行：请复制整个文件，从 -----BEGIN PRIVATE KEY----- 到 -----END PRIVATE KEY-----。")
                : new(problem.En + " The private key of a self-generated Ed25519 or RSA key (-----BEGIN PRIVATE KEY-----) is accepted too.",
                    problem.Zh + " 也可以填写自行生成的 Ed25519 或 RSA 密钥的私钥（-----BEGIN PRIVATE KEY-----）。");
        }

        if (value.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            return new("The private key is protected by a password: Keyfolio needs it unencrypted (its vault encrypts it). Write an unencrypted copy with: openssl pkey -in private_key.pem -out keyfolio.pem, paste that, then delete the copy.",
                "私钥受密码保护：Keyfolio 需要未加密的私钥（保险库会将其加密保存）。请用以下命令写出未加密的副本：openssl pkey -in private_key.pem -out keyfolio.pem，粘贴后删除该副本。");
        }

        if (value.Contains("BEGIN RSA PRIVATE KEY", StringComparison.Ordinal))
        {
            return new("This RSA private key is in the older PKCS#1 form (-----BEGIN RSA PRIVATE KEY-----); Binance uses PKCS#8 keys. Convert it with: openssl pkcs8 -topk8 -nocrypt -in private_key.pem -out keyfolio.pem, and paste that.",
                "此 RSA 私钥为旧的 PKCS#1 格式（-----BEGIN RSA PRIVATE KEY-----）；币安使用 PKCS#8 密钥。请用以下命令转换：openssl pkcs8 -topk8 -nocrypt -in private_key.pem -out keyfolio.pem，然后粘贴转换后的内容。");
        }

        if (value.Contains("BEGIN EC PRIVATE KEY", StringComparison.Ordinal) || value.Contains("BEGIN OPENSSH PRIVATE KEY", StringComparison.Ordinal))
        {
            return new("This is not a key Binance signs with: Binance accepts HMAC, Ed25519 and RSA keys only. Generate an Ed25519 key pair with Binance's key generator, register its public key on Binance and paste its private key here.",
                "这不是币安可用的签名密钥：币安只接受 HMAC、Ed25519 和 RSA 密钥。请用币安的密钥生成器生成 Ed25519 密钥对，在币安登记其公钥，并把私钥粘贴到此处。");
        }

        if (!value.Contains("-----END", StringComparison.Ordinal))
        {
            return new("The private key is cut off: it has no -----END PRIVATE KEY----- line. A terminal prompt reads one line only: paste the key as one line with \\n between its lines, or give it on standard input (--credentials-stdin).",
                "私钥不完整：缺少 -----END PRIVATE KEY----- 这一行。终端提示只读取一行：请把私钥粘贴为一行、各行之间用 \\n 连接，或通过标准输入提供（--credentials-stdin）。");
        }

        try
        {
            using var key = BinancePrivateKey.Read(value);
            return key.Type == BinanceKeyType.Rsa && key.KeySize is not (2048 or 4096)
                ? new($"This RSA key has {key.KeySize} bits; Binance accepts RSA keys of 2048 or 4096 bits. Generate a new key pair (Ed25519 is recommended) and register its public key.",
                    $"此 RSA 密钥为 {key.KeySize} 位；币安只接受 2048 或 4096 位的 RSA 密钥。请生成新的密钥对（推荐 Ed25519）并登记其公钥。")
                : null;
        }
        catch (CryptographicException)
        {
            return new("The private key does not read as an Ed25519 or RSA key: a character between the BEGIN and END lines is missing or changed. Copy it again from the private key file.",
                "私钥无法解析为 Ed25519 或 RSA 密钥：BEGIN 与 END 之间缺少或改动了字符。请从私钥文件重新复制。");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SixtyFourAlphanumerics();

    /// <summary>For the browser's instant check: an HMAC secret, or a PKCS#8 PEM with its line breaks real or escaped.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9]{64}|""?-----BEGIN PRIVATE KEY-----(\s|\\n|\\r|[A-Za-z0-9+/=])+-----END PRIVATE KEY-----(\s|\\n|\\r)*""?)$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
