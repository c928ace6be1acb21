using System.Text;

namespace Keyfolio.Simulator.Http;

/// <summary>Reads <c>name=value&amp;…</c> text (a query or a form body) the way the exchanges' servers do.</summary>
internal static class FormEncoding
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Pairs(text))
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>The decoded pairs in the order they were sent.</summary>
    public static IEnumerable<(string Name, string Value)> Pairs(string text)
    {
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            yield return (Decode(name), Decode(value));
        }
    }

    public static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>RFC 3986 percent-encoding with upper-case hex: what Binance (since 2026) and HTX sign.</summary>
    public static string Encode(string text) => Uri.EscapeDataString(text);

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
