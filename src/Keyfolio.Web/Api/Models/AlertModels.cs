namespace Keyfolio.Web.Api.Models;

/// <summary>One alert, in the language of the request: never a key, a secret or a balance figure.</summary>
public sealed record AlertResponse(
    long Id,
    string Type,
    string Severity,
    string? ConnectionId,
    string? Connection,
    string? Exchange,
    string Message,
    string Fix,
    DateTimeOffset At,
    DateTimeOffset? ReadAt);

/// <summary>The alerts asked for, newest first, and how many are unread in all.</summary>
public sealed record AlertListResponse(IReadOnlyList<AlertResponse> Alerts, int Unread);

/// <summary>Marks every alert up to and including <see cref="UpToId"/> read (the newest one seen, so one raised meanwhile stays unread).</summary>
public sealed record MarkAlertsReadRequest(long UpToId);

/// <summary>How many alerts were unread and are read now.</summary>
public sealed record MarkAlertsReadResponse(int Marked);

/// <summary>
/// The alert rules in force: each event with whether it raises alerts (the withdraw right and a broken audit log always
/// do), the warning times before a key expires, the thresholds, the quiet hours and the channels paused.
/// </summary>
public sealed record AlertRulesResponse(
    IReadOnlyList<AlertRuleEventResponse> Events,
    IReadOnlyList<double> ExpiryDays,
    int UnusedDays,
    int StaleHours,
    int UnlockFailures,
    int? ValueDropPercent,
    bool Figures,
    QuietHoursResponse? Quiet,
    IReadOnlyList<string> Paused);

/// <summary>One event by its code, its name in the request's language, and whether it raises alerts.</summary>
public sealed record AlertRuleEventResponse(string Code, string Title, bool On, bool CanTurnOff);

/// <summary>Quiet hours as 24-hour times in an IANA time zone; only critical alerts go out between them.</summary>
public sealed record QuietHoursResponse(string From, string To, string TimeZone);

/// <summary>
/// A change to the alert rules; what is left out stays as it is. <c>off</c>/<c>on</c> take event codes,
/// <c>expiryDays</c> whole days as text (<c>"7, 1"</c>), <c>quiet</c> a span and an IANA zone
/// (<c>"22:00-07:00 Europe/Berlin"</c>, or <c>""</c> for none), <c>valueDropPercent</c> 1 to 90 (0 turns the alert off),
/// <c>figures</c> whether alerts may carry amounts, <c>pause</c>/<c>resume</c> channel names (webhook, email).
/// </summary>
public sealed record AlertRulesChangeRequest(
    IReadOnlyList<string>? Off,
    IReadOnlyList<string>? On,
    string? ExpiryDays,
    int? UnusedDays,
    int? StaleHours,
    int? UnlockFailures,
    int? ValueDropPercent,
    bool? Figures,
    string? Quiet,
    IReadOnlyList<string>? Pause,
    IReadOnlyList<string>? Resume);
