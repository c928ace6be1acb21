namespace Keyfolio.Exchanges.Bybit;

internal static class BybitGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnBybitCom"),
            Texts.Of("ClickCreateNewKeyAnd"),
            Texts.Of("UnderAPIKeyUsageChoose"),
            Texts.Of("UnderAPIKeyPermissionsChoose"),
            Texts.Of("BindTheKeyToThis"),
            Texts.Of("ConfirmWithYourTwoFactor"),
            Texts.Of("InKeyfolioChooseTheBybit"),
        ],
        Enable =
        [
            Texts.Of("ReadOnlyWithTheRead"),
        ],
        NeverEnable =
        [
            Texts.Of("WithdrawalUnderWalletKeyfolioRefuses"),
            Texts.Of("ReadWriteKeyfolioNeverTrades"),
        ],
        IpWhitelist = Texts.Of("TickOnlyIPsWithPermissions"),
        KeyExpiry = Texts.Of("BybitInvalidatesAKeyThat"),
    };
}
