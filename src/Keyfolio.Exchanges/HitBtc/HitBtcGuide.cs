namespace Keyfolio.Exchanges.HitBtc;

internal static class HitBtcGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnHitbtcCom"),
            Texts.Of("ClickNewAPIKeyHitBTC"),
            Texts.Of("TickOnlyOrderbookHistoryTrading"),
            Texts.Of("OptionallyTickPaymentInformationToo"),
            Texts.Of("CopyTheAPIKeyAnd"),
        ],
        Enable =
        [
            Texts.Of("OrderbookHistoryTradingBalanceAll"),
            Texts.Of("PaymentInformationOptionalForThe"),
        ],
        NeverEnable =
        [
            Texts.Of("WithdrawCryptocurrenciesKeyfolioRefusesKeys"),
            Texts.Of("PlaceCancelOrdersKeyfolioNever"),
        ],
        IpWhitelist = Texts.Of("IfTheKeySettingsOffer"),
        KeyExpiry = Texts.Of("HitBTCDocumentsNoAutomaticExpiry"),
    };
}
