using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Simulator.Exchanges;

/// <summary>HMAC checks in constant time, over the bytes the exchange's rules name.</summary>
internal static class Signatures
{
    public static byte[] Hmac(HashAlgorithmName algorithm, byte[] key, string message)
    {
        var data = Encoding.UTF8.GetBytes(message);
        return algorithm.Name switch
        {
            "SHA256" => HMACSHA256.HashData(key, data),
            "SHA384" => HMACSHA384.HashData(key, data),
            "SHA512" => HMACSHA512.HashData(key, data),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm.Name, "Unsupported HMAC."),
        };
    }

    /// <summary>True when <paramref name="provided"/> is the hex HMAC (either case) of the message.</summary>
    public static bool HexMatches(HashAlgorithmName algorithm, byte[] key, string message, string? provided)
    {
        if (string.IsNullOrEmpty(provided) || provided.Length % 2 != 0)
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(provided);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(claimed, Hmac(algorithm, key, message));
    }

    /// <summary>True when <paramref name="provided"/> is the Base64 HMAC of the message.</summary>
    public static bool Base64Matches(HashAlgorithmName algorithm, byte[] key, string message, string? provided)
    {
        if (string.IsNullOrEmpty(provided))
        {
            return false;
        }

        var expected = Hmac(algorithm, key, message);
        var claimed = new byte[expected.Length];
        return Convert.TryFromBase64String(provided, claimed, out var written)
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(claimed, expected);
    }

    public static string Sha512Hex(byte[] data) => Convert.ToHexStringLower(SHA512.HashData(data));

    public static bool FixedTimeEquals(string? provided, byte[] expected) =>
        provided is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(provided), expected);
}
