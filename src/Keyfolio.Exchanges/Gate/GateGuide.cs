namespace Keyfolio.Exchanges.Gate;

internal static class GateGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            Texts.Of("SetUpTwoFactorAuthentication"),
            Texts.Of("SignInOnGateCom"),
            Texts.Of("ClickCreateAPIKeyName"),
            Texts.Of("SetEveryPermissionGroupSpot"),
            Texts.Of("ConfirmWithYourTwoFactor"),
            Texts.Of("EnterThemInKeyfolio"),
        ],
        Enable = [Texts.Of("ReadOnlyOnSpotAnd")],
        NeverEnable =
        [
            Texts.Of("WithdrawalKeyfolioRefusesKeysThat"),
            Texts.Of("ReadAndWriteOnAny"),
        ],
        IpWhitelist = Texts.Of("AddUpTo20IPv4"),
        KeyExpiry = Texts.Of("GateDocumentsNoAutomaticExpiry"),
    };
}
