namespace Keyfolio.Simulator;

/// <summary>
/// Rate limits as each exchange counts them; on by default. <see cref="Limits"/> overrides the limit of a
/// named rule (docs/simulator.md lists the rules, e.g. <c>binance.weight</c> or <c>okx.account-balance</c>).
/// </summary>
public sealed class SimulatorRateLimits
{
    public bool Enabled { get; set; } = true;

    public IDictionary<string, int> Limits { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Binance: how many 429 answers an address may collect in one window before it is banned (418).</summary>
    public int BinanceBanAfter429s { get; set; } = 3;

    /// <summary>Binance: how long the first ban lasts; each further ban doubles it, up to three days.</summary>
    public int BinanceBanSeconds { get; set; } = 120;
}
