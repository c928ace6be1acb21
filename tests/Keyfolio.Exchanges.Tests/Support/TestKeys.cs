using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Tests.Support;

/// <summary>A made-up key in the exchange's own format, the same for the same exchange and label.</summary>
internal sealed record TestKey(ExchangeId Exchange, string Label, string ApiKey, string Secret, string? Passphrase)
{
    public static TestKey For(ExchangeId exchange, string label)
    {
        var k = Hex(exchange + "/" + label + "/key");
        var s = Hex(exchange + "/" + label + "/secret");
        return exchange switch
        {
            ExchangeId.Binance => new(exchange, label, Mix(k), Mix(s), null),
            ExchangeId.Okx => new(exchange, label, $"{k[..8]}-{k[8..12]}-{k[12..16]}-{k[16..20]}-{k[20..32]}", s[..32].ToUpperInvariant(), "Pass-" + s[32..40]),
            ExchangeId.Htx => new(exchange, label, $"{k[..8]}-{k[8..16]}-{k[16..24]}-{k[24..34]}", $"{s[..8]}-{s[8..16]}-{s[16..24]}-{s[24..29]}", null),
            ExchangeId.Bitfinex => new(exchange, label, Mix(k)[..43], Mix(s)[..43], null),
            ExchangeId.HitBtc => new(exchange, label, k[..32], s[..32], null),
            ExchangeId.Gate => new(exchange, label, k[..32], s, null),
            ExchangeId.Kraken => new(exchange, label, Base64(exchange + "/" + label + "/key", 42), Base64(exchange + "/" + label + "/secret", 64), null),
            ExchangeId.Bybit => new(exchange, label, Mix(k)[..18], Mix(s)[..36], null),
            ExchangeId.Kucoin => new(exchange, label, k[..24], $"{s[..8]}-{s[8..12]}-{s[12..16]}-{s[16..20]}-{s[20..32]}", "Kc-" + s[32..40]),
            ExchangeId.Coinbase => new(exchange, label, $"organizations/{Uuid(k)}/apiKeys/{Uuid(s)}", EcPrivateKeyPem(exchange + "/" + label + "/secret"), null),
            _ => new(exchange, label, k[..32], s[..32], null),
        };
    }

    public ExchangeCredentials Credentials() => new(ApiKey, Secret, Passphrase);

    /// <summary>Base64 of <paramref name="length"/> bytes derived from the seed (Kraken: 42-byte public keys, 64-byte private keys).</summary>
    private static string Base64(string seed, int length) =>
        Convert.ToBase64String([.. SHA512.HashData(Encoding.UTF8.GetBytes(seed)).Concat(SHA512.HashData(Encoding.UTF8.GetBytes(seed + "+"))).Take(length)]);

    /// <summary>An EC P-256 private key as a SEC1 PEM, its scalar derived from the seed (Coinbase's CDP keys).</summary>
    public static string EcPrivateKeyPem(string seed)
    {
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = SHA256.HashData(Encoding.UTF8.GetBytes(seed)) });
        return key.ExportECPrivateKeyPem();
    }

    private static string Uuid(string hex) => $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}";

    private static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary>Upper-cases every other hex letter, so the key mixes cases like the exchange's own.</summary>
    private static string Mix(string hex) => string.Concat(hex.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
}
