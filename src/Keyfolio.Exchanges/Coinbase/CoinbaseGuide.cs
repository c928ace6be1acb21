namespace Keyfolio.Exchanges.Coinbase;

/// <summary>
/// From CDP's "API Key Authentication" pages (https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication
/// and https://docs.cdp.coinbase.com/coinbase-business/authentication-authorization/api-key-authentication), "Authorization"
/// (https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization) and "Portfolios"
/// (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/guides/portfolios: "Each API key is scoped to specific portfolio").
/// </summary>
internal static class CoinbaseGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInAtPortalCdp"),
            Texts.Of("OpenAPIKeysChooseThe"),
            Texts.Of("UnderAPIRestrictionsLeaveOnly"),
            Texts.Of("UnderAdvancedSettingsChangeThe"),
            Texts.Of("ClickCreateAPIKeyAnd"),
            Texts.Of("InKeyfolioPasteTheKey"),
        ],
        Enable = [Texts.Of("ViewReadsBalancesTheOnly")],
        NeverEnable =
        [
            Texts.Of("TransferItLetsTheKey"),
            Texts.Of("TradeKeyfolioNeverPlacesOrders"),
        ],
        IpWhitelist = Texts.Of("OptionallyAddThisHostsPublic"),
        KeyExpiry = Texts.Of("CDPAPIKeysDoNot"),
    };
}
