namespace Keyfolio.Exchanges.Okx;

internal static class OkxGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnOkxCom"),
            Texts.Of("OpenTheProfileMenuAnd"),
            Texts.Of("ChooseAPITradingAsThe"),
            Texts.Of("TickOnlyTheReadPermission"),
            Texts.Of("CopyTheAPIKeyAnd"),
            Texts.Of("InKeyfolioChooseTheOKX"),
        ],
        Enable = [Texts.Of("ReadAllKeyfolioNeeds")],
        NeverEnable =
        [
            Texts.Of("WithdrawKeyfolioRefusesKeysThat"),
            Texts.Of("TradeKeyfolioNeverPlacesOrders"),
        ],
        IpWhitelist = Texts.Of("OptionallyBindUpTo20"),
        Passphrase = Texts.Of("OKXKeysHaveAThird"),
        KeyExpiry = Texts.Of("AKeyWithTradeOr"),
    };
}
