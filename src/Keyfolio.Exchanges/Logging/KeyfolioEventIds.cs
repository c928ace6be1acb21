namespace Keyfolio.Exchanges.Logging;

/// <summary>
/// Every event id Keyfolio logs with, in one list, by area: exchange transport 1000s, key creation through an exchange's
/// OAuth 1100s, alerts 2000s, the web host 3000s, the vault 4000s, connections 5000s. An id, once released, keeps its meaning; a test checks
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
    public const int EgressShareChanged = 3040;
    public const int EgressHeartbeatFailed = 3041;

    // The vault (Keyfolio.Vault.VaultLog), which references no other project and so repeats these numbers.
    public const int VaultAutoLockFailed = 4001;
    public const int VaultStateChanged = 4002;
    public const int VaultPasswordRefused = 4003;
    public const int VaultRecoveryKeyRefused = 4004;
    public const int VaultHeaderAltered = 4005;
    public const int VaultChangeCommitted = 4006;
    public const int VaultChangeRefused = 4007;

    // Connections (Keyfolio.Core.Connections and the sync).
    public const int ConnectionAdded = 5001;
    public const int KeyNotSaved = 5002;
    public const int WithdrawKeyRefused = 5003;
    public const int KeyReplaced = 5004;
    public const int ConnectionRemoved = 5005;
    public const int ConnectionRefusedBySync = 5006;
    public const int ConnectionRecovered = 5007;
}
