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
