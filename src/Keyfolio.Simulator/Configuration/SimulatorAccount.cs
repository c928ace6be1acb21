namespace Keyfolio.Simulator;

/// <summary>
/// One API key on one exchange, with the account it opens. Holds the key's secret and passphrase, so
/// <see cref="ToString"/> names the key by its label and exchange only.
/// </summary>
public sealed class SimulatorAccount
{
    public string Exchange { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>OKX: the passphrase chosen when the key was created; Kraken: the static 2FA password of a key with
    /// two-factor authentication, sent as <c>otp</c>.</summary>
    public string? Passphrase { get; set; }

    public string? Label { get; set; }

    /// <summary>In the shared vocabulary: read, spot, margin, futures, withdraw, transfer.</summary>
    public IList<string> Permissions { get; set; } = ["read"];

    /// <summary>Addresses the key may be used from; empty means any address.</summary>
    public IList<string> IpWhitelist { get; set; } = [];

    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the key stops working; <see langword="null"/> for a key that never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastAccess { get; set; }

    /// <summary>Binance only: when the Spot &amp; Margin trading right lapses (the 30-day rule for keys without an IP whitelist).</summary>
    public DateTimeOffset? TradingAuthorityExpirationTime { get; set; }

    /// <summary>The user the key belongs to; keys sharing a uid share per-account rate-limit budgets. Generated when absent.</summary>
    public string? Uid { get; set; }

    /// <summary>The main account's uid when this key belongs to a sub-account.</summary>
    public string? MainUid { get; set; }

    /// <summary><c>live</c> (default), or <c>demo</c>/<c>testnet</c>.</summary>
    public string Environment { get; set; } = "live";

    /// <summary>Binance <c>com</c> (default) or <c>us</c>; OKX <c>global</c> (default), <c>eea</c> or <c>us</c>.</summary>
    public string? Region { get; set; }

    public IList<SimulatorBalance> Balances { get; set; } = [];

    /// <summary>Wallets (the exchange's own names, as in <see cref="Balances"/>) whose read right this key lacks: their
    /// endpoints answer the exchange's missing-right refusal while the other wallets read as usual. Empty by default.</summary>
    public IList<string> UnreadableWallets { get; set; } = [];

    /// <summary>The sub-accounts of this (master) account, which its key reads through the exchange's sub-account
    /// endpoints where the exchange has them. Empty by default.</summary>
    public IList<SimulatorSubAccount> SubAccounts { get; set; } = [];

    /// <summary>True when the key belongs to a sub-account (its <see cref="MainUid"/> names another account).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSubAccountKey => MainUid is not null && MainUid != Uid;

    public override string ToString() => $"{Exchange} key '{Label ?? "(no label)"}'";
}
