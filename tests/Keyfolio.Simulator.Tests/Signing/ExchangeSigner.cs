namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>
/// Builds requests signed the way one exchange publishes, written in the tests from the exchange's rules
/// (never shared with the simulator or the connectors). <see cref="Tamper"/> changes one thing after signing.
/// </summary>
public abstract class ExchangeSigner
{
    public abstract string Exchange { get; }

    /// <summary>A signed request for the exchange's main balance endpoint.</summary>
    public abstract HttpRequestMessage Balance(Uri origin, TestKey key, DateTimeOffset now, Tamper tamper = Tamper.None);

    /// <summary>A signed request for the exchange's key-introspection endpoint (HitBTC: its wallet balance).</summary>
    public abstract HttpRequestMessage KeyFacts(Uri origin, TestKey key, DateTimeOffset now);

    public static ExchangeSigner For(string exchange) => exchange switch
    {
        "binance" => new BinanceSigner(),
        "okx" => new OkxSigner(),
        "htx" => new HtxSigner(),
        "bitfinex" => new BitfinexSigner(),
        "hitbtc" => new HitBtcSigner(),
        "gate" => new GateSigner(),
        "bittrex" => new BittrexSigner(),
        "kraken" => new KrakenSigner(),
        "bybit" => new BybitSigner(),
        "kucoin" => new KucoinSigner(),
        "coinbase" => new CoinbaseSigner(),
        _ => throw new ArgumentOutOfRangeException(nameof(exchange), exchange, "Not an exchange."),
    };

    protected static string SecretFor(TestKey key, Tamper tamper) => tamper == Tamper.Secret ? key.Secret + "x" : key.Secret;

    protected static string KeyFor(TestKey key, Tamper tamper) => tamper == Tamper.Key ? (key.ApiKey[0] == 'Z' ? "Y" : "Z") + key.ApiKey[1..] : key.ApiKey;
}

/// <summary>A key the test configuration defines. Holds a test secret, so <see cref="ToString"/> shows the label only.</summary>
public sealed class TestKey(string exchange, string apiKey, string secret, string? passphrase = null)
{
    public string Exchange { get; } = exchange;

    public string ApiKey { get; } = apiKey;

    public string Secret { get; } = secret;

    public string? Passphrase { get; } = passphrase;

    public override string ToString() => $"{Exchange} test key";
}
