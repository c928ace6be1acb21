using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Bybit;

internal static partial class BybitDescriptor
{
    private static readonly Uri ApiPage = new("https://www.bybit.com/app/user/api-management");
    private const string WithdrawRight = "Withdrawal";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Bybit,
        Name = "bybit",
        DisplayName = "Bybit",
        CredentialFields =
        [
            // System-generated keys: an 18-character key and a 36-character secret (Bybit V5 docs, whose examples were changed on
            // 2025-04-11 "to reflect the correct API key and secret lengths": https://bybit-exchange.github.io/docs/v5/guide).
            new(CredentialFieldKind.ApiKey, Texts.Of("APIKey"), true, new(KeyPattern(), Texts.Of("18LettersAndDigits"))),
            new(CredentialFieldKind.Secret, Texts.Of("APISecret"), true, new(SecretPattern(), Texts.Of("36LettersAndDigits"))),
        ],

        // Bybit V5, "Integration Guidance" → "Base endpoint" (https://bybit-exchange.github.io/docs/v5/guide). The EEA host
        // api.bybit.eu serves only "Connect to Third-Party Applications" keys of API brokers, so it is not offered.
        Hosts =
        [
            new("global", Texts.Of("BybitApiBybitCom"), ExchangeEnvironment.Live, new Uri("https://api.bybit.com")),
            new("global", Texts.Of("BybitApiBybitCom"), ExchangeEnvironment.Testnet, new Uri("https://api-testnet.bybit.com")),
            new("bytick", Texts.Of("BybitApiBytickCom"), ExchangeEnvironment.Live, new Uri("https://api.bytick.com")),
            new("nl", Texts.Of("BybitNetherlands"), ExchangeEnvironment.Live, new Uri("https://api.bybit.nl")),
            new("tr", Texts.Of("BybitTRkiye"), ExchangeEnvironment.Live, new Uri("https://api.bybit.tr")),
            new("kz", Texts.Of("BybitKazakhstan"), ExchangeEnvironment.Live, new Uri("https://api.bybit.kz")),
            new("ge", Texts.Of("BybitGeorgia"), ExchangeEnvironment.Live, new Uri("https://api.bybitgeorgia.ge")),
            new("ae", Texts.Of("BybitUAE"), ExchangeEnvironment.Live, new Uri("https://api.bybit.ae")),
            new("id", Texts.Of("BybitIndonesia"), ExchangeEnvironment.Live, new Uri("https://api.bybit.id")),
            new("jp", Texts.Of("BybitJapanApiManepaJp"), ExchangeEnvironment.Live, new Uri("https://api.manepa.jp")),
            new("jp", Texts.Of("BybitJapanApiManepaJp"), ExchangeEnvironment.Testnet, new Uri("https://api-testnet.manepa.jp")),
        ],
        ApiManagementPage = ApiPage,
        Guide = BybitGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            Texts.Of("OnBybitOpenAPIManagement", ApiPage, WithdrawRight)),
        OffersIpWhitelist = true,

        // "Get All Coins Balance" with a sub-account's memberId is the master key's only read of a sub-account's wallets, and
        // for accountType=UNIFIED "coin" is required, "up to 10 coins each request"
        // (https://bybit-exchange.github.io/docs/v5/asset/balance/all-balance); the sub-account's own key reads its unified
        // account whole through /v5/account/wallet-balance, as the master's does.
        SubAccountsByOwnKey = Texts.Of("SubAccountsByTheirOwnKey"),
    };

    [GeneratedRegex("^[A-Za-z0-9]{18}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9]{36}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
