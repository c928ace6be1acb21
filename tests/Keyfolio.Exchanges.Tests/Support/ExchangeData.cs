namespace Keyfolio.Exchanges.Tests.Support;

internal static class ExchangeData
{
    public static TheoryData<ExchangeId> All => [.. ExchangeIds.All];

    /// <summary>The exchanges whose requests carry a timestamp the server checks (all but Bitfinex and Kraken, which use nonces).</summary>
    public static TheoryData<ExchangeId> Timestamped => [.. ExchangeIds.All.Where(e => e is not (ExchangeId.Bitfinex or ExchangeId.Kraken))];
}
