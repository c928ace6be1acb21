namespace Keyfolio.Architecture.Tests;

/// <summary>
/// Finds where source text names an exchange. Comments are skipped: they may give an exchange as an example. In code,
/// an identifier names the exchange when its folder name (<c>Okx</c>, <c>HitBtc</c>) is the whole identifier, or one of
/// its leading or inner words (<c>OkxSite</c>, <c>CreateOkxFastApiClient</c>), but not its last word after others
/// (<c>KeyDerivationGate</c> is a kind of gate). Text — string literals, and the markup of Razor files — names it when
/// it holds one of the exchange's names as a word, in any case (<c>"okx"</c>, <c>"OKX Fast API"</c>, <c>/new/okx</c>).
/// </summary>
internal sealed class ExchangeNameScanner(string folderName, IReadOnlyCollection<string> names)
{
    public string FolderName { get; } = folderName;

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

    public bool NamesInCode(string code)
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

    public bool NamesInText(string text) =>
        names.Any(name =>
        {
            for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + name.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]) || IsWordStart(text, end)))
                {
                    return true;
                }
            }

            return false;
        });

    private bool IdentifierNames(string identifier)
    {
        var words = Words(identifier.TrimStart('_', '@'));
        var parts = Words(FolderName);
        for (var i = 0; i + parts.Count <= words.Count; i++)
        {
            if (words.Skip(i).Take(parts.Count).SequenceEqual(parts, StringComparer.Ordinal) && (i == 0 || i + parts.Count < words.Count))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The words of a PascalCase or camelCase identifier: <c>HitBtcSite</c> → Hit, Btc, Site.</summary>
    private static List<string> Words(string identifier)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= identifier.Length; i++)
        {
            if (i == identifier.Length || char.IsUpper(identifier[i]) || identifier[i] == '_' || (char.IsDigit(identifier[i]) != char.IsDigit(identifier[i - 1])))
            {
                if (i > start && identifier[start] != '_')
                {
                    words.Add(identifier[start..i]);
                }

                start = identifier.Length > i && identifier[i] == '_' ? i + 1 : i;
            }
        }

        return words;
    }

    private static bool IsWordStart(string text, int at) => char.IsUpper(text[at]) && char.IsLower(text[at - 1]);

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
