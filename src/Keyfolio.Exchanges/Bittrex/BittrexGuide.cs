namespace Keyfolio.Exchanges.Bittrex;

internal static class BittrexGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Notice = Texts.Of("BittrexHasClosedDecember2023"),
        Steps =
        [
            Texts.Of("SignInOnTheBittrex"),
            Texts.Of("ClickAddNewKeyAnd"),
            Texts.Of("EnterYourTwoFactorCode"),
            Texts.Of("EnterBothInKeyfolio"),
        ],
        Enable = [Texts.Of("READINFOAllKeyfolioNeeds")],
        NeverEnable =
        [
            Texts.Of("WITHDRAWKeyfolioRefusesKeysThat"),
            Texts.Of("TRADEKeyfolioNeverTrades"),
        ],
        IpWhitelist = Texts.Of("BittrexOfferedAnIPWhitelist"),
        KeyExpiry = Texts.Of("EveryBittrexKeyStoppedWorking"),
    };
}
