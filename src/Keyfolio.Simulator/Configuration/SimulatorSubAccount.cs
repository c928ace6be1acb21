namespace Keyfolio.Simulator;

/// <summary>
/// A sub-account of the account a key opens, as the exchange's sub-account endpoints for a master account show it:
/// its name there (Binance: the sub-account's e-mail; OKX: the sub-account name), its note and its balances. Only a
/// master account's key sees its sub-accounts; a key whose <see cref="SimulatorAccount.MainUid"/> names another
/// account is a sub-account's own key and is refused on those endpoints.
/// </summary>
public sealed class SimulatorSubAccount
{
    /// <summary>Binance: the sub-account's e-mail; OKX: its sub-account name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The note the master wrote for it (Binance <c>remark</c>, OKX <c>label</c>).</summary>
    public string? Label { get; set; }

    /// <summary>The sub-account's uid; generated when absent.</summary>
    public string? Uid { get; set; }

    /// <summary>Frozen by the master (Binance <c>isFreeze</c>; OKX <c>enable: false</c>).</summary>
    public bool Frozen { get; set; }

    /// <summary>Wallets as in <see cref="SimulatorAccount.Balances"/>: Binance <c>spot</c>; OKX <c>spot</c> (its trading account) and <c>funding</c>.</summary>
    public IList<SimulatorBalance> Balances { get; set; } = [];

    public override string ToString() => $"sub-account '{Name}'";
}
