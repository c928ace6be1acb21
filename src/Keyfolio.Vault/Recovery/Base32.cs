namespace Keyfolio.Vault.Recovery;

/// <summary>
/// RFC 4648 Base32 (A–Z, 2–7) without padding, for input lengths that are multiples of five bytes. Decoding
/// forgives what people mistype when copying from paper: case, and 0/1/8 read as O/I/B.
/// </summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 5 != 0)
        {
            throw new ArgumentException("Base32 here encodes whole five-byte blocks.", nameof(bytes));
        }

        var chars = new char[bytes.Length / 5 * 8];
        var written = 0;
        for (var i = 0; i < bytes.Length; i += 5)
        {
            ulong block = 0;
            for (var j = 0; j < 5; j++)
            {
                block = (block << 8) | bytes[i + j];
            }

            for (var shift = 35; shift >= 0; shift -= 5)
            {
                chars[written++] = Alphabet[(int)((block >> shift) & 31)];
            }
        }

        return new string(chars);
    }

    /// <summary>Decodes exactly <c>destination.Length</c> bytes; false on any character outside the alphabet.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (destination.Length % 5 != 0 || text.Length != destination.Length / 5 * 8)
        {
            return false;
        }

        for (int block = 0, t = 0; block < destination.Length; block += 5)
        {
            ulong value = 0;
            for (var k = 0; k < 8; k++, t++)
            {
                var digit = ValueOf(text[t]);
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 5) | (uint)digit;
            }

            for (var j = 4; j >= 0; j--)
            {
                destination[block + j] = (byte)value;
                value >>= 8;
            }
        }

        return true;
    }

    private static int ValueOf(char c) => char.ToUpperInvariant(c) switch
    {
        >= 'A' and <= 'Z' and var letter => letter - 'A',
        >= '2' and <= '7' and var digit => digit - '2' + 26,
        '0' => 'O' - 'A',
        '1' => 'I' - 'A',
        '8' => 'B' - 'A',
        _ => -1,
    };
}
