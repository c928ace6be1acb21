using System.Text.Json.Serialization;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>An asset amount in one wallet of one connection at the time of a snapshot, with the USD price then.</summary>
public sealed record Holding(WalletKind Wallet, string Asset, string ExchangeAsset, decimal Free, decimal Locked, decimal Total, decimal? UsdPrice)
{
    /// <summary>The sub-account the holding is in (its id on the exchange); null for the account the key belongs to.</summary>
    public string? SubAccount { get; init; }

    /// <summary>Null when the asset had no price.</summary>
    public decimal? UsdValue => UsdPrice is { } price ? price * Total : null;
}

/// <summary>
/// What became of one wallet in a snapshot; a wallet not read is named with the reason, never taken for an empty one.
/// Stored as JSON beside the snapshot: what earlier versions wrote (<c>wallet</c> and <c>failure</c> only) reads as
/// a wallet read, or one not permitted (a missing permission) or failed (anything else), without a diagnosis.
/// </summary>
public sealed record WalletStatus(WalletKind Wallet, DiagnosisCategory? Failure)
{
    /// <summary>False when the account has never opened the wallet: it holds nothing and nothing is missing.</summary>
    public bool Opened { get; init; } = true;

    /// <summary>The exchange's own name of the account or wallet, when it has one.</summary>
    public string? AccountName { get; init; }

    /// <summary>For a wallet the key may not read: the right to enable, in the exchange's words.</summary>
    public string? Right { get; init; }

    /// <summary>The sub-account the wallet belongs to (its id on the exchange); null for the account the key belongs to,
    /// and in snapshots written before sub-accounts were read.</summary>
    public string? SubAccount { get; init; }

    /// <summary>Why the wallet was not read, as the exchange answered (null for a wallet read, and in older snapshots).</summary>
    public Diagnosis? Diagnosis { get; init; }

    /// <summary>
    /// For a wallet not read this time: when the values kept for it were read. Its holdings in this snapshot are those
    /// last good ones, stale. Null when the wallet was read now, or when nothing was ever read from it.
    /// </summary>
    public DateTimeOffset? ValuesFrom { get; init; }

    [JsonIgnore]
    public WalletOutcome Outcome => Failure switch
    {
        null => Opened ? WalletOutcome.Read : WalletOutcome.NotOpened,
        DiagnosisCategory.MissingPermission => WalletOutcome.NotPermitted,
        _ => WalletOutcome.Failed,
    };

    /// <summary>True when the wallet was refused or failed: the connection's reading is incomplete.</summary>
    [JsonIgnore]
    public bool IsMissing => Failure is not null;

    /// <summary>True when this snapshot keeps the wallet's last good values in place of a reading that failed.</summary>
    [JsonIgnore]
    public bool IsStale => ValuesFrom is not null;

    public static WalletStatus From(WalletReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new(reading.Wallet, reading.Failure?.Category)
        {
            Opened = reading.Opened,
            AccountName = reading.AccountName,
            Right = reading.Right,
            SubAccount = reading.SubAccount,
            Diagnosis = reading.Failure,
        };
    }
}

/// <summary>The holdings of a connection at one time, written in one transaction.</summary>
public sealed record Snapshot(
    long Id,
    string ConnectionId,
    DateTimeOffset TakenAt,
    IReadOnlyList<WalletStatus> Wallets,
    IReadOnlyList<Holding> Holdings)
{
    /// <summary>True when no wallet was refused or failed (a wallet never opened is not missing).</summary>
    public bool IsComplete => Wallets.All(w => !w.IsMissing);

    /// <summary>The value of the priced holdings, stale ones of a failed wallet included.</summary>
    public decimal TotalUsd => Holdings.Sum(h => h.UsdValue ?? 0m);

    public int UnpricedCount => Holdings.Count(h => h.UsdPrice is null && h.Total != 0m);

    /// <summary>The wallets read this time.</summary>
    public int WalletsRead => Wallets.Count(w => w.Outcome == WalletOutcome.Read);

    /// <summary>The wallets there are to read: all but those the account never opened.</summary>
    public int WalletsExpected => Wallets.Count(w => w.Outcome != WalletOutcome.NotOpened);

    /// <summary>The wallets refused or failed, in the connector's order.</summary>
    public IEnumerable<WalletStatus> Missing => Wallets.Where(w => w.IsMissing);

    /// <summary>The value of the holdings kept from an earlier reading of a wallet that failed this time.</summary>
    public decimal StaleUsd => Holdings.Where(IsStale).Sum(h => h.UsdValue ?? 0m);

    /// <summary>True when the holding is a wallet's last good value kept while that wallet fails.</summary>
    public bool IsStale(Holding holding)
    {
        ArgumentNullException.ThrowIfNull(holding);
        return StaleWallet(holding.Wallet, holding.SubAccount) is not null;
    }

    /// <summary>The status of the wallet whose stale values this snapshot keeps, when the kind is one (of the account
    /// the key belongs to, or of <paramref name="subAccount"/>).</summary>
    public WalletStatus? StaleWallet(WalletKind wallet, string? subAccount = null) =>
        Wallets.FirstOrDefault(w => w.Wallet == wallet && w.IsStale && w.SubAccount == subAccount);

    /// <summary>The sub-accounts read (or tried) in this snapshot, in the connector's order.</summary>
    public IReadOnlyList<string> SubAccounts =>
        [.. Wallets.Select(w => w.SubAccount).Concat(Holdings.Select(h => h.SubAccount)).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The part of the snapshot of one sub-account, or of the account the key belongs to (null): its wallets and
    /// holdings, valued and counted as a snapshot of its own.</summary>
    public Snapshot Part(string? subAccount) => this with
    {
        Wallets = [.. Wallets.Where(w => w.SubAccount == subAccount)],
        Holdings = [.. Holdings.Where(h => h.SubAccount == subAccount)],
    };
}
