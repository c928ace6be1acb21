namespace Keyfolio.Exchanges.Kraken;

/// <summary>Creating a query-only key on Kraken Pro today (Kraken support, "How to create an API key on Kraken Pro",
/// https://support.kraken.com/articles/360000919966; Kraken API, "API keys": https://docs.kraken.com/api/docs/guides/global-intro).</summary>
internal static class KrakenGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnKrakenCom"),
            Texts.Of("ClickCreateAPIKeyAnd"),
            Texts.Of("UnderThePermissionsTickQuery"),
            Texts.Of("LeaveWithdrawFundsDepositFunds"),
            Texts.Of("InTheAdvancedSettingsYou"),
            Texts.Of("ClickGenerateKeyThenCopy"),
            Texts.Of("UseThisKeyForKeyfolio"),
        ],
        Enable = [Texts.Of("QueryFundsAllKeyfolioNeeds")],
        NeverEnable =
        [
            Texts.Of("WithdrawFundsKeyfolioRefusesKeys"),
            Texts.Of("CreateModifyOrdersCancelClose"),
        ],
        IpWhitelist = Texts.Of("UnderTheKeysAdvancedSettings"),
        Passphrase = Texts.Of("KrakenCanProtectAnAPI"),
        KeyExpiry = Texts.Of("AKrakenKeyExpiresOnly"),
    };
}
