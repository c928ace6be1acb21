using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>The HMAC and hash primitives the exchanges' published rules name, over ASCII/UTF-8 secrets.</summary>
internal static class Hmac
{
    public static string Sha256Hex(string secret, string message) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    public static string Sha256Base64(string secret, string message) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    public static string Sha384Hex(string secret, string message) => Convert.ToHexStringLower(HMACSHA384.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    public static string Sha512Hex(string secret, string message) => Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    public static string BodySha512(string body) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(body)));
}
