namespace Keyfolio.Simulator;

/// <summary>
/// A sub-account of the account a key opens, as the exchange's sub-account endpoints for a master account show it:
/// its name there (Binance: the sub-account's e-mail; OKX and KuCoin: the sub-account name; HTX: the sub-user name, its uid the id; Gate: its login name, its uid the id), its note and its balances. Only a
/// master account's key sees its sub-accounts; a key whose <see cref="SimulatorAccount.MainUid"/> names another
/// account is a sub-account's own key and is refused on those endpoints.
/// </summary>
public sealed class SimulatorSubAccount
{
    /// <summary>Binance: the sub-account's e-mail; OKX: its sub-account name; KuCoin: its <c>subName</c>; Gate: its <c>login_name</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The note the master wrote for it (Binance and Gate <c>remark</c>, OKX <c>label</c>).</summary>
    public string? Label { get; set; }

    /// <summary>The sub-account's uid; generated when absent.</summary>
    public string? Uid { get; set; }

    /// <summary>Frozen by the master (Binance <c>isFreeze</c>; OKX <c>enable: false</c>; Gate <c>state</c> 2, locked).</summary>
    public bool Frozen { get; set; }

    /// <summary>Wallets as in <see cref="SimulatorAccount.Balances"/>: Binance <c>spot</c>, <c>cross-margin</c>,
    /// <c>usds-futures</c> and <c>coin-futures</c>; OKX <c>spot</c> (its trading account) and <c>funding</c>; KuCoin <c>main</c>
    /// (funding), <c>trade</c> (spot), <c>margin</c> (cross) and <c>futures</c>; HTX <c>spot</c>, <c>margin</c>, <c>super-margin</c>,
    /// <c>otc</c> and <c>point</c>; Gate <c>spot</c>, <c>margin</c> (isolated), <c>futures</c> and <c>cross-margin</c>.</summary>
    public IList<SimulatorBalance> Balances { get; set; } = [];

    /// <summary>Binance: the master opened margin for this sub-account; when absent, opened when it holds a margin balance.</summary>
    public bool? MarginEnabled { get; set; }

    /// <summary>Binance and KuCoin: the master opened futures for this sub-account; when absent, opened when it holds a futures
    /// balance. KuCoin's futures overview lists only the sub-accounts with futures opened.</summary>
    public bool? FuturesEnabled { get; set; }

    internal bool MarginOpened(string wallet) => MarginEnabled ?? Balances.Any(b => b.Wallet == wallet);

    internal bool FuturesOpened(params string[] wallets) => FuturesEnabled ?? Balances.Any(b => wallets.Contains(b.Wallet));

    public override string ToString() => $"sub-account '{Name}'";
}
