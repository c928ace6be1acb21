using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Formats;

namespace Keyfolio.Exchanges.Binance;

internal static partial class BinanceDescriptor
{
    private static readonly LocalizedText Expected = Texts.Of("64LettersAndDigits");

    private static readonly LocalizedText SecretLabel = Texts.Of("SecretKey");

    private static readonly LocalizedText SecretExpected = Texts.Of("64LettersAndDigitsThe");

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
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKey"), true, new(SixtyFourAlphanumerics(), Expected)),
            // A system-generated key's HMAC secret, or the private key of a self-generated Ed25519 or RSA key, whose
            // public half was registered with Binance ("API Key Types":
            // https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types).
            new(CredentialFieldKind.Secret, SecretLabel, true, new(SecretPattern(), SecretExpected) { Check = CheckSecret }) { MultiLine = true },
        ],
        Hosts =
        [
            new("com", Texts.Of("BinanceCom"), ExchangeEnvironment.Live, new Uri("https://api.binance.com")),
            new("com", Texts.Of("BinanceCom"), ExchangeEnvironment.Testnet, new Uri("https://testnet.binance.vision")),
            new("us", Texts.Of("BinanceUS"), ExchangeEnvironment.Live, new Uri("https://api.binance.us")),
        ],
        ApiManagementPage = ApiPage,
        Guide = BinanceGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnBinanceOpenAPIManagement", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,

        // "Query Sub-account List (For Master Account)", "Query Sub-account Assets", "Get Detail on Sub-account's Futures
        // Account V2", "Get Detail on Sub-account's Margin Account" and "Get Sub-account's Status on Margin Or Futures" need
        // only reading on the master account's key (https://developers.binance.com/docs/sub_account/account-management/Query-Sub-account-List,
        // …/asset-management/Query-Sub-account-Assets-V3, …/asset-management/Get-Detail-on-Sub-accounts-Futures-Account-V2,
        // …/asset-management/Get-Detail-on-Sub-accounts-Margin-Account, …/account-management/Get-Sub-accounts-Status-on-Margin-Or-Futures).
        SubAccounts = new(
            [WalletKind.Spot, WalletKind.Futures, WalletKind.Margin],
            "Enable Reading",
            Texts.Of("TheReadOnlyKeyOf")),
    };

    /// <summary>What the secret field holds when it is neither a 64-character HMAC secret nor a PKCS#8 Ed25519 or RSA
    /// private key of the sizes Binance accepts.</summary>
    private static LocalizedText? CheckSecret(ReadOnlySpan<char> value)
    {
        if (value.Contains("PUBLIC KEY", StringComparison.Ordinal))
        {
            return Texts.Of("ThisIsThePublicKey");
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
                ? Texts.Of("ThePrivateKeyHasLost")
                : Texts.Of("ThePrivateKeyOfA", problem);
        }

        if (value.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            return Texts.Of("ThePrivateKeyIsProtected");
        }

        if (value.Contains("BEGIN RSA PRIVATE KEY", StringComparison.Ordinal))
        {
            return Texts.Of("ThisRSAPrivateKeyIs");
        }

        if (value.Contains("BEGIN EC PRIVATE KEY", StringComparison.Ordinal) || value.Contains("BEGIN OPENSSH PRIVATE KEY", StringComparison.Ordinal))
        {
            return Texts.Of("ThisIsNotAKey");
        }

        if (!value.Contains("-----END", StringComparison.Ordinal))
        {
            return Texts.Of("ThePrivateKeyIsCut");
        }

        try
        {
            using var key = BinancePrivateKey.Read(value);
            return key.Type == BinanceKeyType.Rsa && key.KeySize is not (2048 or 4096)
                ? Texts.Of("ThisRSAKeyHasBits", key.KeySize)
                : null;
        }
        catch (CryptographicException)
        {
            return Texts.Of("ThePrivateKeyDoesNot");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SixtyFourAlphanumerics();

    /// <summary>For the browser's instant check: an HMAC secret, or a PKCS#8 PEM with its line breaks real or escaped.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9]{64}|""?-----BEGIN PRIVATE KEY-----(\s|\\n|\\r|[A-Za-z0-9+/=])+-----END PRIVATE KEY-----(\s|\\n|\\r)*""?)$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
