namespace Keyfolio.Exchanges.Kucoin;

/// <summary>From KuCoin's help centre, "How to Create an API" (https://www.kucoin.com/support/360015102174).</summary>
internal static class KucoinGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnKucoinCom"),
            Texts.Of("ClickCreateAPIAndChoose"),
            Texts.Of("NameTheKeyKeyfolioAnd"),
            Texts.Of("TickOnlyTheGeneralPermission"),
            Texts.Of("CopyTheAPIKeyAnd"),
            Texts.Of("InKeyfolioEnterTheAPI"),
        ],
        Enable = [Texts.Of("GeneralReadOnlyAccessTo")],
        NeverEnable =
        [
            Texts.Of("WithdrawalKeyfolioRefusesKeysThat"),
            Texts.Of("SpotMarginAndFuturesTrading"),
        ],
        IpWhitelist = Texts.Of("OptionallyRestrictTheKeyTo"),
        Passphrase = Texts.Of("KuCoinKeysHaveAThird"),
        KeyExpiry = Texts.Of("AKeyWithOnlyThe"),
    };
}
