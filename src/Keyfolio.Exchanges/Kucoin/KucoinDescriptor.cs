using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Kucoin;

internal static partial class KucoinDescriptor
{
    private static readonly Uri ApiPage = new("https://www.kucoin.com/account/api");

    /// <summary>The right's name on KuCoin's API page; the key-info endpoint reports it as the token <c>Transfer</c>
    /// (KuCoin API, "Get API Key Info": https://www.kucoin.com/docs-new/rest/account-info/account-funding/get-apikey-info).</summary>
    private const string WithdrawRight = "Withdrawal";

    /// <summary>Futures live on their own host (KuCoin API, "Introduction", base URLs: https://www.kucoin.com/docs-new/introduction);
    /// a custom URL or a host override serves both, as the simulator does.</summary>
    public static IReadOnlyDictionary<Uri, Uri> FuturesHosts { get; } = new Dictionary<Uri, Uri>
    {
        [new Uri("https://api.kucoin.com")] = new Uri("https://api-futures.kucoin.com"),
    };

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Kucoin,
        Name = "kucoin",
        DisplayName = "KuCoin",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKey"), true, new(KeyPattern(), Texts.Of("24HexadecimalDigits"))),
            new(CredentialFieldKind.Secret, Texts.Of("APISecret"), true, new(SecretPattern(), Texts.Of("TheSecretKuCoinShowedOnce"))),
            new(CredentialFieldKind.Passphrase, Texts.Of("APIPassphrase"), true, new(PassphrasePattern(), Texts.Of("ThePassphraseYouSetWhen"))),
        ],
        Hosts =
        [
            // No test environment to offer: KuCoin's current base URLs list none (https://www.kucoin.com/docs-new/introduction),
            // and the old sandbox (openapi-sandbox.kucoin.com) was reported gone in August 2023, by users
            // (Kucoin/kucoin-api-docs issue 473) and by ccxt, which removed its sandbox mode; KuCoin announced no date.
            new("global", LocalizedText.Same("KuCoin"), ExchangeEnvironment.Live, new Uri("https://api.kucoin.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = KucoinGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnKuCoinOpenAPIManagement", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,
        IdleKeyDeletion = new(
            Texts.Of("KuCoinDeletesAKeyThat"),
            Texts.Of("BindTheKeyToThis")),

        // KuCoin Futures calls bitcoin XBT (KuCoin API, "Get Account - Futures": currency "XBT").
        AssetAliases = new Dictionary<string, string>(StringComparer.Ordinal) { ["XBT"] = "BTC" },

        // "Get Account Summary Info", "Get SubAccount List - Spot Balance (V2)" and "Get SubAccount List - Futures Balance (V2)"
        // need only the General permission of the master account's key (https://www.kucoin.com/docs-new/api-3470119,
        // …/api-3470133, …/api-3470134).
        SubAccounts = new(
            [WalletKind.Funding, WalletKind.Spot, WalletKind.Margin, WalletKind.Futures],
            "General",
            Texts.Of("TheGeneralKeyOfThe")),
    };

    [GeneratedRegex("^[0-9A-Fa-f]{24}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    // KuCoin masks secrets in its current examples, so the format of new keys' secrets is not published: accept any
    // secret of letters, digits and dashes of a plausible length (every published one is a lowercase UUID).
    [GeneratedRegex("^[0-9A-Za-z-]{16,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[^\\s]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassphrasePattern();
}
