namespace Keyfolio.Exchanges;

/// <summary>
/// The balances of one connection at one time, per wallet. <see cref="Wallets"/> gives each wallet's outcome (read,
/// not permitted for this key, not opened on this account, failed), so a missing wallet is never mistaken for an
/// empty one.
/// </summary>
public sealed record BalanceSnapshot(IReadOnlyList<AssetBalance> Balances, IReadOnlyList<WalletReading> Wallets, DateTimeOffset At)
{
    /// <summary>True when no wallet the connector reads was refused or failed (a wallet never opened is not missing).</summary>
    public bool IsComplete => Wallets.All(w => w.Failure is null);
}

/// <summary>One asset in one wallet. <see cref="Asset"/> is the common ticker (<c>USDT</c>), <see cref="ExchangeAsset"/>
/// the exchange's own code (<c>UST</c> on Bitfinex, <c>usdt</c> on HTX).</summary>
public sealed record AssetBalance(WalletKind Wallet, string Asset, string ExchangeAsset, decimal Free, decimal Locked, decimal Total)
{
    /// <summary>The sub-account (its <see cref="Exchanges.SubAccount.Id"/>) the balance is in; null for the account the key belongs to.</summary>
    public string? SubAccount { get; init; }
}

/// <summary>What became of reading one wallet.</summary>
public enum WalletOutcome
{
    /// <summary>The wallet was read; its balances are in the snapshot (none when it is empty).</summary>
    Read,

    /// <summary>The key lacks the right to read this wallet; <see cref="WalletReading.Right"/> names it in the exchange's words.</summary>
    NotPermitted,

    /// <summary>The account has never opened this wallet: it holds nothing, and nothing is missing.</summary>
    NotOpened,

    /// <summary>Reading the wallet failed for another reason; <see cref="WalletReading.Failure"/> says which.</summary>
    Failed,
}

/// <summary>
/// One wallet's reading. <c>new WalletReading(kind)</c> is a wallet read; <c>new WalletReading(kind, failure)</c> one
/// that failed (a missing-permission refusal counts as <see cref="WalletOutcome.NotPermitted"/>, any other as
/// <see cref="WalletOutcome.Failed"/>); a null failure is a read. <see cref="NotOpened"/>, <see cref="NotPermitted"/>
/// and <see cref="Failed"/> say it explicitly.
/// </summary>
public sealed record WalletReading(WalletKind Wallet, Diagnosis? Failure = null)
{
    /// <summary>False when the account has never opened the wallet (<see cref="WalletOutcome.NotOpened"/>).</summary>
    public bool Opened { get; init; } = true;

    /// <summary>The exchange's own name of the account or wallet (<c>Funding</c>, <c>wallet</c>, <c>otc</c>), when it has one.</summary>
    public string? AccountName { get; init; }

    /// <summary>For a wallet the key may not read: the right to enable, exactly as the exchange's API-management page names it.</summary>
    public string? Right { get; init; }

    /// <summary>The sub-account (its <see cref="Exchanges.SubAccount.Id"/>) the wallet belongs to; null for the account the key belongs to.</summary>
    public string? SubAccount { get; init; }

    public WalletOutcome Outcome => Failure switch
    {
        null => Opened ? WalletOutcome.Read : WalletOutcome.NotOpened,
        { Category: DiagnosisCategory.MissingPermission } => WalletOutcome.NotPermitted,
        _ => WalletOutcome.Failed,
    };

    /// <summary>A wallet the account has never opened: "not opened" is data, not a failure.</summary>
    public static WalletReading NotOpened(WalletKind wallet, string? accountName = null) => new(wallet) { Opened = false, AccountName = accountName };

    /// <summary>A wallet the key may not read, with the exchange's refusal and the right to enable in its words.</summary>
    public static WalletReading NotPermitted(WalletKind wallet, Diagnosis refusal, string right, string? accountName = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentException.ThrowIfNullOrWhiteSpace(right);
        return new(wallet, refusal with { Category = DiagnosisCategory.MissingPermission }) { Right = right, AccountName = accountName };
    }

    /// <summary>A wallet whose reading failed, with the diagnosis.</summary>
    public static WalletReading Failed(WalletKind wallet, Diagnosis failure, string? accountName = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(wallet, failure) { AccountName = accountName };
    }
}
