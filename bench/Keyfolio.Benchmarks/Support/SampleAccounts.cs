using System.Security.Cryptography;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;

namespace Keyfolio.Benchmarks.Support;

/// <summary>Simulator accounts with fresh random keys in each exchange's own key format, for benchmarks that need many.</summary>
internal static class SampleAccounts
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static SimulatorAccount Create(ExchangeId exchange, string label, string uid, params (string Asset, decimal Free, decimal Locked)[] holdings)
    {
        var (key, secret, passphrase) = exchange switch
        {
            ExchangeId.Binance => (Alnum(64), Alnum(64), (string?)null),
            ExchangeId.Okx => (Guid.NewGuid().ToString(), Hex(32).ToUpperInvariant(), "Bench-Pass1!"),
            ExchangeId.Htx => ($"{Hex(8)}-{Hex(8)}-{Hex(8)}-{Hex(10)}", $"{Hex(8)}-{Hex(8)}-{Hex(8)}-{Hex(6)[..5]}", null),
            ExchangeId.Bitfinex => (Alnum(43), Alnum(43), null),
            ExchangeId.HitBtc => (Hex(32), Hex(32), null),
            ExchangeId.Gate => (Hex(32), Hex(64), null),
            ExchangeId.Kraken => (Convert.ToBase64String(RandomNumberGenerator.GetBytes(42)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), null),
            ExchangeId.Bybit => (Alnum(18), Alnum(36), null),
            ExchangeId.Kucoin => (Hex(24), Guid.NewGuid().ToString(), "Bench-Pass7"),
            ExchangeId.Coinbase => ($"organizations/{Guid.NewGuid()}/apiKeys/{Guid.NewGuid()}", EcPrivateKeyPem(), null),
            _ => (Hex(32), Hex(32), null),
        };
        var wallet = exchange switch
        {
            ExchangeId.Bitfinex => "exchange",
            ExchangeId.Bybit => "unified",
            ExchangeId.Kucoin => "trade",
            _ => "spot",
        };
        return new SimulatorAccount
        {
            Exchange = exchange.ToName(),
            ApiKey = key,
            Secret = secret,
            Passphrase = passphrase,
            Label = label,
            Uid = uid,
            Balances = [.. holdings.Select(held => new SimulatorBalance { Wallet = wallet, Asset = held.Asset, Free = held.Free, Locked = held.Locked })],
        };
    }

    private static string Hex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(length / 2));

    private static string Alnum(int length) => RandomNumberGenerator.GetString(Alphanumerics, length);

    /// <summary>A fresh EC P-256 private key as a SEC1 PEM (Coinbase's CDP keys).</summary>
    private static string EcPrivateKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportECPrivateKeyPem();
    }
}
