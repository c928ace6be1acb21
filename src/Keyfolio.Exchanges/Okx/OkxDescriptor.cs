using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Okx;

internal static partial class OkxDescriptor
{
    private static readonly Uri ApiPage = new("https://www.okx.com/account/my-api");
    private const string WithdrawRight = "Withdraw";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Okx,
        Name = "okx",
        FormerNames = ["okex"],
        DisplayName = "OKX",
        CredentialFields =
        [
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKey"), true, new(ApiKeyPattern(), Texts.Of("AUUID32HexadecimalDigits"))),
            new(CredentialFieldKind.Secret, Texts.Of("SecretKey"), true, new(SecretPattern(), Texts.Of("32HexadecimalDigits"))),
            new(CredentialFieldKind.Passphrase, Texts.Of("Passphrase"), true, new(PassphrasePattern(), Texts.Of("The1To32Characters"))),
        ],
        Hosts =
        [
            new("global", Texts.Of("OKXGlobal"), ExchangeEnvironment.Live, new Uri("https://www.okx.com")),
            new("global", Texts.Of("OKXGlobal"), ExchangeEnvironment.Demo, new Uri("https://www.okx.com")),
            new("eea", Texts.Of("OKXEEA"), ExchangeEnvironment.Live, new Uri("https://my.okx.com")),
            new("eea", Texts.Of("OKXEEA"), ExchangeEnvironment.Demo, new Uri("https://my.okx.com")),
            new("us", Texts.Of("OKXUS"), ExchangeEnvironment.Live, new Uri("https://app.okx.com")),
        ],
        ApiManagementPage = ApiPage,
        Guide = OkxGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnOKXOpenAPIEdit", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,
        IdleKeyDeletion = new(
            Texts.Of("OKXDeletesAKeyThat"),
            Texts.Of("BindTheKeyToThis")),
        QrPassphraseNote = Texts.Of("OKXNeverPutsThePassphrase"),

        // "Get sub-account list", "Get sub-account trading balance" and "Get sub-account funding balance" are for master
        // accounts, with the "Read" permission (https://www.okx.com/docs-v5/en/#sub-account-rest-api-get-sub-account-list).
        SubAccounts = new(
            [WalletKind.Trading, WalletKind.Funding],
            "Read",
            Texts.Of("TheReadOnlyKeyOf")),
    };

    [GeneratedRegex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[^\\s]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassphrasePattern();
}
