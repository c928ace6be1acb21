namespace Keyfolio.Exchanges.Logging;

/// <summary>
/// Every event id Keyfolio logs with, in one list, by area: exchange transport 1000s, key creation through an exchange's
/// OAuth 1100s, alerts 2000s, the web host 3000s, the vault 4000s. An id, once released, keeps its meaning; a test checks
/// that every logging method uses one of these and no two share one.
/// </summary>
public static class KeyfolioEventIds
{
    // Exchange transport (Keyfolio.Exchanges.Http).
    public const int ExchangeAnswered = 1001;
    public const int ExchangeNoAnswer = 1002;
    public const int ExchangeReadRetried = 1003;
    public const int ExchangeClockOffset = 1004;
    public const int RateLimitWait = 1005;
    public const int RateLimitBudgetSpent = 1006;
    public const int RateLimitedByExchange = 1007;

    // Creating a read-only key through an exchange's OAuth consent.
    public const int OAuthAuthorizationStarted = 1101;
    public const int OAuthCallbackRefused = 1102;
    public const int OAuthTokensReceived = 1103;
    public const int OAuthKeyCreated = 1104;
    public const int OAuthStepRefused = 1105;

    // Alerts (Keyfolio.Core.Alerts).
    public const int AlertDeliveryFailed = 2001;
    public const int AlertDeliveryNotAudited = 2002;

    // The web host (Keyfolio.Web).
    public const int UnhandledRequestException = 3001;
    public const int AuditLogFailedVerification = 3010;
    public const int AuditLogUnreadable = 3011;
    public const int SyncPassFailed = 3020;
    public const int AlertRoundFailed = 3030;

    // The vault (Keyfolio.Vault.VaultLog), which references no other project and so repeats these numbers.
    public const int VaultAutoLockFailed = 4001;
}
