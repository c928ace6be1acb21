using System.Security.Cryptography;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// The passphrase of a key created through Fast API. OKX requires 8 to 32 characters with at least one digit, one
/// upper-case letter, one lower-case letter and one special character; Keyfolio uses all 32, from symbols that need
/// no escaping in JSON or in the header that later carries it.
/// </summary>
internal static class OkxFastApiPassphrase
{
    public const int Length = 32;

    private const string Digits = "0123456789";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Special = "!#$%*-.=?@^_~";
    private const string Any = Digits + Upper + Lower + Special;

    /// <summary>A new passphrase in a pinned array; the caller zeroes it.</summary>
    public static char[] Generate()
    {
        var passphrase = GC.AllocateArray<char>(Length, pinned: true);
        passphrase[0] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        passphrase[1] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        passphrase[2] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        passphrase[3] = Special[RandomNumberGenerator.GetInt32(Special.Length)];
        RandomNumberGenerator.GetItems(Any, passphrase.AsSpan(4));
        RandomNumberGenerator.Shuffle(passphrase.AsSpan());
        return passphrase;
    }
}
