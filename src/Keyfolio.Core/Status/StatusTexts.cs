using System.Globalization;
using Keyfolio.Core.Portfolio;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Status;

/// <summary>The name of each status in every language Keyfolio speaks, and the explanation and fix of those not drawn from an
/// exchange's refusal.</summary>
public static class StatusTexts
{
    public static LocalizedText Title(ConnectionStatusCode code, int? daysLeft = null, DateTimeOffset? until = null) => code switch
    {
        ConnectionStatusCode.VaultLocked => Texts.Of("VaultLocked"),
        ConnectionStatusCode.ExchangeClosed => Texts.Of("ExchangeClosed"),
        ConnectionStatusCode.InvalidKey => Texts.Of("InvalidKey"),
        ConnectionStatusCode.WrongPassphrase => Texts.Of("WrongPassphrase"),
        ConnectionStatusCode.BadSignature => Texts.Of("BadSignature"),
        ConnectionStatusCode.IpNotAllowed => Texts.Of("IPNotAllowed"),
        ConnectionStatusCode.RegionBlocked => Texts.Of("RegionBlocked"),
        ConnectionStatusCode.WrongEnvironment => Texts.Of("WrongEnvironment"),
        ConnectionStatusCode.ClockSkew => Texts.Of("ClockSkew"),
        ConnectionStatusCode.KeyExpired => Texts.Of("KeyExpired"),
        ConnectionStatusCode.WithdrawalEnabled => Texts.Of("WithdrawalEnabled"),
        ConnectionStatusCode.MissingPermission => Texts.Of("MissingPermission"),
        ConnectionStatusCode.RateLimited => until is { } t
            ? Texts.Of("RateLimitedUntilUTC", t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture))
            : Texts.Of("RateLimited"),
        ConnectionStatusCode.ExchangeUnavailable => Texts.Of("ExchangeUnavailable"),
        ConnectionStatusCode.Incomplete => Texts.Of("Incomplete"),
        ConnectionStatusCode.ExpiresSoon => daysLeft is { } days
            ? (days == 1 ? Texts.Of("ExpiresInOneDay", days) : Texts.Of("ExpiresInDays", days))
            : Texts.Of("ExpiresSoon"),
        ConnectionStatusCode.NotChecked => Texts.Of("NotCheckedYet"),
        ConnectionStatusCode.Connected => Texts.Of("Connected"),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>The fix of a working connection whose key has findings to look at: the first of them, and how many.</summary>
    internal static LocalizedText ConnectedWithFindings(int count, LocalizedText firstFix) => count == 1
        ? Texts.Of("ConnectionWorksWithOneFinding", count, firstFix)
        : Texts.Of("ConnectionWorksWithFindings", count, firstFix);

    /// <summary>Which wallets the latest reading missed and why, and how to get each read.</summary>
    internal static (LocalizedText Explanation, LocalizedText Fix) Incomplete(Snapshot latest, ExchangeId exchange)
    {
        var missing = latest.Missing.ToList();
        var counted = WalletTexts.Counted(latest.WalletsRead, latest.WalletsExpected);
        var reasons = missing.Select(w => (Reason: WalletTexts.Reason(w, exchange), Kept: w.ValuesFrom is { } from ? WalletTexts.ValuesFrom(from) : null)).ToList();
        var fixes = missing.Select(w => WalletTexts.Fix(w, exchange)).Distinct().ToList();
        var explanation = Texts.Of(
            "OnlyTheValueShownIs",
            counted,
            LocalizedText.Join(Texts.Of("SentenceSeparator"), reasons.Select(r => r.Kept is { } kept ? Texts.Of("ReasonValuesKept", r.Reason, kept) : r.Reason)));
        var fix = LocalizedText.Join(Texts.Of("SentenceSeparator"), fixes);
        return (explanation, fix);
    }

    internal static (LocalizedText Explanation, LocalizedText Fix) Describe(ConnectionStatusCode code, bool tradingRight, bool syncPaused) => code switch
    {
        ConnectionStatusCode.VaultLocked => (
            Texts.Of("TheVaultIsLockedSo2"),
            Texts.Of("UnlockTheVaultWithThe")),
        ConnectionStatusCode.KeyExpired => (
            Texts.Of("TheKeyHasExpiredOn"),
            Texts.Of("CreateANewReadOnly5")),
        ConnectionStatusCode.WithdrawalEnabled => syncPaused
            ? (Texts.Of("TheKeyCanNowWithdraw"),
               Texts.Of("RemoveTheWithdrawalRightOn"))
            : (Texts.Of("TheKeyCanWithdrawFunds"),
               Texts.Of("RemoveTheWithdrawalRightOn2")),
        ConnectionStatusCode.ExpiresSoon => tradingRight
            ? (Texts.Of("TheKeysTradingRightLapses"),
               Texts.Of("NothingToDoForKeyfolio2"))
            : (Texts.Of("TheKeyExpiresSoonAfter"),
               Texts.Of("CreateANewReadOnly6")),
        ConnectionStatusCode.NotChecked => (
            Texts.Of("TheConnectionWasImportedAnd"),
            Texts.Of("CheckTheConnectionToVerify")),
        _ => (
            Texts.Of("TheKeyWorksAndThe"),
            Texts.Of("NothingToDo")),
    };
}
