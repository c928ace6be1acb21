namespace Keyfolio.Core.Status;

/// <summary>
/// The one state shown per connection. The order is the precedence: when several apply, the first one wins.
/// </summary>
public enum ConnectionStatusCode
{
    VaultLocked,
    ExchangeClosed,
    InvalidKey,
    WrongPassphrase,
    BadSignature,
    IpNotAllowed,
    RegionBlocked,
    WrongEnvironment,
    ClockSkew,
    KeyExpired,
    WithdrawalEnabled,
    MissingPermission,
    RateLimited,
    ExchangeUnavailable,

    /// <summary>The latest reading missed a wallet (not permitted for this key, or failed): the value is a lower bound.</summary>
    Incomplete,
    ExpiresSoon,

    /// <summary>Imported, and not contacted since.</summary>
    NotChecked,
    Connected,
}
