namespace Keyfolio.Exchanges.Binance;

/// <summary>
/// Binance's key types: self-generated Ed25519 (recommended) or RSA keys, whose public key is registered and whose private
/// key signs, and system-generated HMAC keys ("API Key Types":
/// https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types; "How to Generate an Ed25519 Key Pair to
/// Send API Requests on Binance": https://www.binance.com/en/support/faq/how-to-generate-an-ed25519-key-pair-to-send-api-requests-on-binance-6b9a63f1e3384cf48a2eedb82767a69a;
/// Asymmetric Key Generator: https://developers.binance.com/en/docs/sdks-tools/tools/asymmetric-key-generator).
/// </summary>
internal static class BinanceGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SignInOnBinanceCom"),
            Texts.Of("OpenTheProfileMenuAnd"),
            Texts.Of("ClickCreateAPIAndChoose"),
            Texts.Of("CompleteTheSecurityVerificationPasskey"),
            Texts.Of("CopyTheAPIKeyNow"),
            Texts.Of("UnderAPIRestrictionsLeaveOnly"),
            Texts.Of("PasteTheAPIKeyInto"),
        ],
        Enable = [Texts.Of("EnableReadingAllKeyfolioNeeds")],
        NeverEnable =
        [
            Texts.Of("EnableWithdrawalsKeyfolioRefusesKeys"),
            Texts.Of("EnableSpotMarginTradingMargin"),
        ],
        IpWhitelist = Texts.Of("ChooseRestrictAccessToTrusted"),
        KeyExpiry = Texts.Of("AKeyWithoutTrustedIPs"),
    };
}
