namespace Keyfolio.Exchanges;

/// <summary>
/// What the exchange reports about a key: its rights, IP whitelist, creation, expiry and last use, and the account
/// it belongs to. <see cref="Inferred"/> is set when the facts were deduced from what the key can and cannot read
/// (HitBTC), not reported by the exchange.
/// </summary>
public sealed record KeyFacts
{
    public required IReadOnlyDictionary<KeyPermission, PermissionState> Permissions { get; init; }

    /// <summary>The exchange's own names of the rights it reports granted (<c>enableReading</c>, <c>read_only</c>, …).</summary>
    public IReadOnlyList<string> ExchangePermissions { get; init; } = [];

    /// <summary>The addresses the key is restricted to: empty when unrestricted, <c>null</c> when the exchange does not say.</summary>
    public IReadOnlyList<string>? IpWhitelist { get; init; }

    /// <summary>True when the key is restricted to IP addresses, even when the exchange does not list them (Binance <c>ipRestrict</c>).</summary>
    public bool? IpRestricted { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? LastAccessAt { get; init; }

    /// <summary>When the key, or one of its rights, stops working, and by which rule.</summary>
    public KeyExpiry? Expiry { get; init; }

    /// <summary>The key's name as the owner gave it on the exchange.</summary>
    public string? Label { get; init; }

    public AccountFacts Account { get; init; } = new();

    public bool Inferred { get; init; }

    public PermissionState this[KeyPermission permission] =>
        Permissions.TryGetValue(permission, out var state) ? state : PermissionState.Unknown;

    public bool CanWithdraw => this[KeyPermission.Withdraw] == PermissionState.Granted;

    public bool CanTrade => this[KeyPermission.SpotTrade] == PermissionState.Granted
        || this[KeyPermission.Margin] == PermissionState.Granted
        || this[KeyPermission.Futures] == PermissionState.Granted;
}

/// <summary>Facts about the account the key belongs to.</summary>
public sealed record AccountFacts
{
    public string? AccountId { get; init; }

    /// <summary>The main account's id when the key belongs to a sub-account.</summary>
    public string? MainAccountId { get; init; }

    /// <summary>True for a sub-account, false for a main account, <c>null</c> when the exchange does not say.</summary>
    public bool? IsSubAccount { get; init; }

    /// <summary>OKX account mode (<c>acctLv</c>): simple, single-currency margin, multi-currency margin, portfolio margin.</summary>
    public string? AccountMode { get; init; }

    /// <summary>OKX position mode (<c>posMode</c>): <c>long_short_mode</c> or <c>net_mode</c>.</summary>
    public string? PositionMode { get; init; }
}

/// <summary>When a key, or one of its rights, expires, and the exchange rule behind it.</summary>
public sealed record KeyExpiry(KeyExpiryKind Kind, DateTimeOffset? At, LocalizedText Rule);

public enum KeyExpiryKind
{
    /// <summary>The whole key stops working at <see cref="KeyExpiry.At"/> (HTX keys without an IP, 90 days).</summary>
    Key,

    /// <summary>Only the trading right lapses (Binance spot and margin trading on keys without an IP, 30 days).</summary>
    TradingRight,

    /// <summary>The key is deleted after a period without use; <see cref="KeyExpiry.At"/> counts from now (OKX, 14 days).</summary>
    Inactivity,

    /// <summary>The exchange already reports the key as expired.</summary>
    Expired,
}
