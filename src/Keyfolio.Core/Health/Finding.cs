using Keyfolio.Exchanges;

namespace Keyfolio.Core.Health;

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>The key-hygiene observations Keyfolio makes.</summary>
public enum FindingKind
{
    /// <summary>The key can withdraw funds.</summary>
    CanWithdraw,

    /// <summary>The key can trade; Keyfolio only reads.</summary>
    CanTrade,

    /// <summary>The key is not restricted to IP addresses, on an exchange that offers it.</summary>
    NoIpWhitelist,

    /// <summary>The key's IP whitelist does not contain this host's egress address.</summary>
    WhitelistExcludesHost,

    /// <summary>The key, or its trading right, expires soon.</summary>
    ExpiresSoon,

    /// <summary>The key, or its trading right, has expired.</summary>
    Expired,

    /// <summary>The key is older than the rotation period.</summary>
    RotationDue,

    /// <summary>No successful call for a long time, or the exchange reports no recent access.</summary>
    Unused,

    /// <summary>The same API key is used by another connection.</summary>
    SharedKey,

    /// <summary>An OKX key that can trade, without an IP, is deleted by OKX after 14 days without use.</summary>
    DeletedWhenIdle,

    /// <summary>The key may not read one of the account's wallets (futures, earn, funding…), so it is missing from the total.</summary>
    WalletNotPermitted,
}

/// <summary>One key-hygiene observation: what, how much it matters, and how to fix it, in every language Keyfolio speaks.</summary>
public sealed record Finding(FindingKind Kind, FindingSeverity Severity, LocalizedText Message, LocalizedText Fix)
{
    /// <summary>For expiry findings: when.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>For a wallet the key may not read: which.</summary>
    public WalletKind? Wallet { get; init; }
}
