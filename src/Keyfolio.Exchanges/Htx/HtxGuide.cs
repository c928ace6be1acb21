namespace Keyfolio.Exchanges.Htx;

internal static class HtxGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnHtxCom"),
            Texts.Of("HoverOverTheProfileIcon"),
            Texts.Of("EnterANoteSuchAs"),
            Texts.Of("ClickCreateAndCompleteThe"),
            Texts.Of("CopyTheAccessKeyAnd"),
            Texts.Of("EnterThemInKeyfolioThe"),
        ],
        Enable = [Texts.Of("ReadOnlyAllKeyfolioNeeds")],
        NeverEnable =
        [
            Texts.Of("WithdrawKeyfolioRefusesKeysThat"),
            Texts.Of("TradeKeyfolioNeverPlacesOrders"),
        ],
        IpWhitelist = Texts.Of("BindUpTo20IP"),
        KeyExpiry = Texts.Of("AKeyNotBoundTo"),
    };
}
