using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>The OAuth <c>state</c>: unguessable, bound to the user's session, compared in constant time.</summary>
public static class OkxFastApiState
{
    /// <summary>256 random bits, Base64url without padding (43 characters).</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Whether the state a callback carries is the one stored, compared in constant time; a missing or empty
    /// state never matches.</summary>
    public static bool Matches(string expected, string? received)
    {
        ArgumentException.ThrowIfNullOrEmpty(expected);
        return !string.IsNullOrEmpty(received)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(received));
    }
}
