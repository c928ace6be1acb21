namespace Keyfolio.Exchanges;

/// <summary>Why a call failed, in one vocabulary for all exchanges.</summary>
public enum DiagnosisCategory
{
    /// <summary>A credential fails the exchange's format rules, so nothing was sent; or, for a key created through OAuth,
    /// the exchange refused one of the key's parameters (<see cref="Diagnosis.Field"/> names it).</summary>
    BadFormat,

    /// <summary>The exchange no longer operates (Bittrex).</summary>
    ExchangeClosed,

    /// <summary>The exchange does not know the key: mistyped, deleted, revoked, frozen.</summary>
    InvalidKey,

    /// <summary>The key exists but the passphrase is not the one chosen when it was created (OKX).</summary>
    WrongPassphrase,

    /// <summary>The signature does not verify: the secret does not belong to the key.</summary>
    BadSignature,

    /// <summary>A flavour of bad signature: another program used a larger nonce with this key (Bitfinex).</summary>
    NonceUsedElsewhere,

    /// <summary>The key is restricted to IP addresses that do not include this host's.</summary>
    IpNotAllowed,

    /// <summary>The exchange refuses this host's location (HTTP 451).</summary>
    RegionBlocked,

    /// <summary>The key belongs to another environment or regional entity (demo key on live, OKX EEA key on global).</summary>
    WrongEnvironment,

    /// <summary>The request's timestamp was outside the exchange's window even after correcting for the measured offset.</summary>
    ClockSkew,

    /// <summary>The exchange reports the key as expired.</summary>
    KeyExpired,

    /// <summary>The key works but lacks a right the call needs.</summary>
    MissingPermission,

    /// <summary>The exchange's budget is spent; calls resume at <see cref="Diagnosis.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>The exchange did not answer usefully: 5xx, maintenance, timeout, refused connection, unreadable body.</summary>
    ExchangeUnavailable,

    /// <summary>OAuth: the account owner declined on the exchange's consent page.</summary>
    AuthorizationDenied,

    /// <summary>OAuth: the callback does not belong to the flow this app started, or the code or token is unknown,
    /// expired or already used.</summary>
    AuthorizationInvalid,

    /// <summary>OAuth: the exchange refuses the app's OAuth client settings (client id or secret, redirect URI, token
    /// path, the client's rights).</summary>
    OAuthClientRejected,

    /// <summary>The exchange allows no further key of this kind for the account (OKX: one Fast API key per user and app).</summary>
    KeyLimitReached,
}
