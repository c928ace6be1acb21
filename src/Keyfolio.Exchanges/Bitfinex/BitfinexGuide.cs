namespace Keyfolio.Exchanges.Bitfinex;

internal static class BitfinexGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnBitfinexCom"),
            Texts.Of("ClickCreateNewKeyAnd"),
            Texts.Of("LeaveEveryReadPermissionOn"),
            Texts.Of("ClickGenerateAPIKeyComplete"),
            Texts.Of("CopyTheAPIKeyAnd"),
            Texts.Of("UseThisKeyForKeyfolio"),
        ],
        Enable = [Texts.Of("ReadOnAccountHistoryOrders")],
        NeverEnable =
        [
            Texts.Of("WithdrawWriteKeyfolioRefusesKeys"),
            Texts.Of("AnyOtherWritePermissionOrders"),
        ],
        IpWhitelist = Texts.Of("UnderIPAccessRestrictionsYou"),
        KeyExpiry = Texts.Of("BitfinexDocumentsNoAutomaticExpiry"),
    };
}
