namespace Keyfolio.Architecture.Tests;

/// <summary>
/// Finds where source text names an exchange. Comments are skipped: they may give an exchange as an example.
/// <para>In code, an identifier names the exchange when a run of its words spells one of the exchange's names, in any
/// case (<c>OkxSite</c>, <c>CreateOkxFastApiClient</c>, <c>okx</c>, <c>HitBTC</c>, <c>huobiHost</c>). An exchange
/// whose name is also an ordinary word (Gate) is named only by that word capitalised and not last after others:
/// <c>GateSite</c> and <c>ExchangeId.Gate</c> name it, <c>KeyDerivationGate</c> and a local <c>gate</c> do not.</para>
/// <para>Text — string literals, and the markup of Razor files — names the exchange when it holds one of its names as
/// a word, in any case (<c>"okx"</c>, <c>"OKX Fast API"</c>, <c>/new/okx</c>, <c>"gate.io"</c>).</para>
/// </summary>
internal sealed class ExchangeNameScanner(string folderName, IReadOnlyCollection<string> names, bool ordinaryWord)
{
    private readonly string[] _identifierNames = [.. names.Append(folderName).Where(n => n.All(char.IsLetterOrDigit)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The 1-based numbers of the lines that name the exchange.</summary>
    public IEnumerable<int> Scan(string source, bool markup)
    {
        var (code, text) = SourceText.Split(source, markup);
        for (var i = 0; i < code.Length; i++)
        {
            if (NamesInCode(code[i]) || NamesInText(text[i]))
            {
                yield return i + 1;
            }
        }
    }

    private bool NamesInCode(string code)
    {
        var start = 0;
        while (start < code.Length)
        {
            if (!IsIdentifierChar(code[start]))
            {
                start++;
                continue;
            }

            var end = start;
            while (end < code.Length && IsIdentifierChar(code[end]))
            {
                end++;
            }

            if (IdentifierNames(code[start..end]))
            {
                return true;
            }

            start = end;
        }

        return false;
    }

    private bool NamesInText(string text) =>
        names.Any(name =>
        {
            for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + name.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1]) || IsWordStart(text, at))
                    && (end == text.Length || !char.IsLetterOrDigit(text[end]) || IsWordStart(text, end)))
                {
                    return true;
                }
            }

            return false;
        });

    private bool IdentifierNames(string identifier)
    {
        var words = Words(identifier);
        for (var first = 0; first < words.Count; first++)
        {
            var spelled = string.Empty;
            for (var last = first; last < words.Count; last++)
            {
                spelled += words[last];
                if (string.Equals(spelled, folderName, StringComparison.OrdinalIgnoreCase))
                {
                    if (!ordinaryWord || (string.Equals(spelled, folderName, StringComparison.Ordinal) && (first == 0 || last < words.Count - 1)))
                    {
                        return true;
                    }
                }
                else if (_identifierNames.Contains(spelled, StringComparer.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The words of an identifier: <c>HitBtcSite</c> → Hit, Btc, Site; <c>OKXClient</c> → OKX, Client;
    /// <c>_kdfGate</c> → kdf, Gate.</summary>
    private static List<string> Words(string identifier)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= identifier.Length; i++)
        {
            var boundary = i == identifier.Length
                || identifier[i] == '_'
                || (i > 0 && char.IsUpper(identifier[i]) && (char.IsLower(identifier[i - 1]) || char.IsDigit(identifier[i - 1])))
                || (i > 0 && char.IsUpper(identifier[i]) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]) && char.IsUpper(identifier[i - 1]));
            if (boundary && start >= 0)
            {
                words.Add(identifier[start..i]);
                start = -1;
            }

            if (i < identifier.Length && identifier[i] != '_' && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    private static bool IsWordStart(string text, int at) => char.IsUpper(text[at]) && char.IsLower(text[at - 1]);

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
