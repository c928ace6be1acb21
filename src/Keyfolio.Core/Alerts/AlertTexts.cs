using System.Globalization;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Alerts;

/// <summary>The message and fix of each alert in every language Keyfolio speaks. They name the connection by its label and exchange,
/// never by its key, and hold no balance figure.</summary>
internal static class AlertTexts
{
    /// <summary>The alert's name, as a notification's title.</summary>
    public static LocalizedText Title(AlertType type) => type switch
    {
        AlertType.KeyFailing => Texts.Of("KeyFailing"),
        AlertType.KeyRecovered => Texts.Of("KeyWorksAgain"),
        AlertType.KeyExpiring => Texts.Of("KeyExpiring"),
        AlertType.WithdrawRight => Texts.Of("KeyCanWithdraw"),
        AlertType.TransferRight => Texts.Of("KeyCanTransfer"),
        AlertType.TradeRight => Texts.Of("KeyCanTrade"),
        AlertType.KeyUnused => Texts.Of("KeyUnused"),
        AlertType.BalanceIncomplete => Texts.Of("BalanceReadingIncomplete"),
        AlertType.BalanceStale => Texts.Of("BalancesNotRefreshed"),
        AlertType.AuditChainBroken => Texts.Of("AuditLogBroken"),
        AlertType.UnlockFailures => Texts.Of("UnlockFailures"),
        AlertType.ValueDrop => Texts.Of("PortfolioValueDropped"),
        AlertType.Test => Texts.Of("TestAlert"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static LocalizedText Subject(string label, string exchange) => Texts.Of("AlertSubject", label, exchange);

    public static LocalizedText Failing(LocalizedText subject, LocalizedText title, LocalizedText explanation) =>
        Texts.Of("AlertMessage", subject, title, explanation);

    public static LocalizedText Recovered(LocalizedText subject) =>
        Texts.Of("WorksAgainTheExchangeAccepts", subject);

    public static readonly LocalizedText NothingToDo = Texts.Of("NothingToDo");

    public static readonly LocalizedText TestMessage = Texts.Of("ThisIsATestAlert");

    public static LocalizedText Expiring(LocalizedText subject, DateTimeOffset at, DateTimeOffset now)
    {
        var left = at - now;
        var date = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var days = Math.Max(1, (int)Math.Ceiling(left.TotalDays));
        var when = left <= TimeSpan.FromDays(1)
            ? Texts.Of("WithinADay")
            : Texts.Of("InDays", days);
        return Texts.Of("TheKeyOfExpiresUTC", subject, when, date);
    }

    public static readonly LocalizedText ExpiringFix = Texts.Of("CreateANewReadOnly");

    public static LocalizedText Withdraw(LocalizedText subject) =>
        Texts.Of("TheKeyOfCanWithdraw", subject);

    public static LocalizedText Transfer(LocalizedText subject) =>
        Texts.Of("TheKeyOfCanTransfer", subject);

    public static readonly LocalizedText TransferFix = Texts.Of("EditTheKeyOnThe");

    public static LocalizedText Trade(LocalizedText subject) =>
        Texts.Of("TheKeyOfCanTrade", subject);

    public static readonly LocalizedText TradeFix = Texts.Of("EditTheKeyOnThe2");

    public static LocalizedText Unused(LocalizedText subject, TimeSpan after) =>
        Texts.Of("TheKeyOfHasNot", subject, (int)after.TotalDays);

    public static LocalizedText Stale(LocalizedText subject, TimeSpan age) =>
        Texts.Of("TheBalancesOfWereLast", subject, Hours(age));

    public static readonly LocalizedText StaleFix = Texts.Of("KeyfolioReadsBalancesOnlyWhile");

    private static int Hours(TimeSpan age) => (int)Math.Floor(age.TotalHours);

    public static readonly LocalizedText UnusedFix = Texts.Of("IfYouNoLongerNeed");

    public static LocalizedText Incomplete(LocalizedText subject, LocalizedText explanation) =>
        Texts.Of("TheLatestBalanceReadingOf", subject, explanation);

    public static readonly LocalizedText AuditBroken = Texts.Of("TheAuditLogsChainIs");

    public static readonly LocalizedText AuditBrokenFix = Texts.Of("OpenActivityInKeyfolioTo");

    public static LocalizedText UnlockFailures(int count) =>
        Texts.Of("UnlockingTheVaultFailedTimes", count);

    public static readonly LocalizedText UnlockFailuresFix = Texts.Of("IfItWasNotYou");

    /// <summary>
    /// The portfolio fell by <paramref name="percent"/> between two readings, with the connections that fell most; the
    /// values before and after only when the person chose figures in alerts.
    /// </summary>
    public static LocalizedText ValueDrop(decimal percent, IReadOnlyList<(LocalizedText Subject, decimal Percent)> most, (decimal Before, decimal After)? figures)
    {
        static string Percent(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
        static string Usd(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);
        var amounts = figures is { } f
            ? Texts.Of("FromToUSD", Usd(f.Before), Usd(f.After))
            : LocalizedText.Same(string.Empty);
        var where = most.Count == 0
            ? LocalizedText.Same(string.Empty)
            : Texts.Of("FellMost", LocalizedText.List(most.Select(m => Texts.Of("SubjectFellBy", m.Subject, Percent(m.Percent)))));
        return Texts.Of("ThePortfoliosValueFellBy", Percent(percent), amounts, where);
    }

    public static readonly LocalizedText ValueDropFix = Texts.Of("CheckTheExchangesOwnHistory");
}
