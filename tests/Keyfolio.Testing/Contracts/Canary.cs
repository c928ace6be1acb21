using System.Text;

namespace Keyfolio.Testing.Contracts;

/// <summary>
/// A recognisable secret and the forms in which a leak of it would show: UTF-8, UTF-16, Base64 and hex.
/// </summary>
public static class Canary
{
    public const string Secret = "CANARY-sk-3f9a7c21e4b8d05f6a1c9e7b2d4f8a60";

    public static byte[] Payload => Encoding.UTF8.GetBytes("{\"apiKey\":\"AK-7731\",\"secret\":\"" + Secret + "\"}");

    /// <summary>Fails when any form of the canary appears in <paramref name="bytes"/>.</summary>
    public static void AssertAbsent(ReadOnlySpan<byte> bytes, string where)
    {
        foreach (var form in Forms())
        {
            Assert.False(bytes.IndexOf(form) >= 0, $"The canary secret appears in {where}.");
        }
    }

    /// <summary>Fails when any form of the canary appears in <paramref name="text"/>.</summary>
    public static void AssertAbsent(string? text, string where)
    {
        if (text is not null)
        {
            AssertAbsent(Encoding.UTF8.GetBytes(text), where);
        }
    }

    private static IEnumerable<byte[]> Forms()
    {
        var utf8 = Encoding.UTF8.GetBytes(Secret);
        yield return utf8;
        yield return Encoding.Unicode.GetBytes(Secret);
        yield return Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8));
        yield return Encoding.ASCII.GetBytes(Convert.ToHexString(utf8));
        yield return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(utf8));
    }
}
