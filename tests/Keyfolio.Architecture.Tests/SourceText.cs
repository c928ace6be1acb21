using System.Text;
using System.Text.RegularExpressions;

namespace Keyfolio.Architecture.Tests;

/// <summary>
/// Splits source into its code and its text, line by line, without comments: in C#, code is everything outside string
/// and character literals and text is their content; in a Razor file both are the whole file, since its markup is
/// text and its expressions are code.
/// </summary>
internal static partial class SourceText
{
    public static (string[] Code, string[] Text) Split(string source, bool markup)
    {
        if (markup)
        {
            var lines = MarkupComments().Replace(source, m => new string('\n', m.Value.Count(c => c == '\n'))).Split('\n')
                .Select(line => line.TrimStart().StartsWith("//", StringComparison.Ordinal) ? string.Empty : line)
                .ToArray();
            return (lines, lines);
        }

        var code = new StringBuilder(source.Length);
        var text = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\n')
            {
                Both(code, text, '\n');
                i++;
            }
            else if (At(source, i, "//"))
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (At(source, i, "/*"))
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                Lines(code, text, source, i, end, keepText: false);
                i = end;
            }
            else if (c is '"' or '\'' || (c is '@' or '$' && StringStart(source, i) > 0))
            {
                var end = LiteralEnd(source, i);
                Lines(code, text, source, i, end, keepText: true);
                i = end;
            }
            else
            {
                code.Append(c);
                text.Append(' ');
                i++;
            }
        }

        return (code.ToString().Split('\n'), text.ToString().Split('\n'));
    }

    /// <summary>How many prefix characters (<c>@</c>, <c>$</c>) come before the quote of a string starting at
    /// <paramref name="at"/>, or 0 when none starts there.</summary>
    private static int StringStart(string source, int at)
    {
        var i = at;
        while (i < source.Length && source[i] is '@' or '$')
        {
            i++;
        }

        return i < source.Length && source[i] == '"' && (at == 0 || !char.IsLetterOrDigit(source[at - 1])) ? i - at : 0;
    }

    private static int LiteralEnd(string source, int at)
    {
        var prefix = source[at] is '@' or '$' ? StringStart(source, at) : 0;
        var verbatim = source.AsSpan(at, prefix).Contains('@');
        var quote = at + prefix;
        if (source[quote] == '\'')
        {
            var close = quote + 1;
            while (close < source.Length && source[close] != '\'' && source[close] != '\n')
            {
                close += source[close] == '\\' ? 2 : 1;
            }

            return Math.Min(close + 1, source.Length);
        }

        var quotes = 0;
        while (quote + quotes < source.Length && source[quote + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var fence = new string('"', quotes);
            var end = source.IndexOf(fence, quote + quotes, StringComparison.Ordinal);
            return end < 0 ? source.Length : end + quotes;
        }

        var i = quote + 1;
        while (i < source.Length)
        {
            if (!verbatim && source[i] == '\\')
            {
                i += 2;
            }
            else if (source[i] == '"')
            {
                if (verbatim && i + 1 < source.Length && source[i + 1] == '"')
                {
                    i += 2;
                }
                else
                {
                    return i + 1;
                }
            }
            else if (!verbatim && source[i] == '\n')
            {
                return i;
            }
            else
            {
                i++;
            }
        }

        return source.Length;
    }

    private static void Lines(StringBuilder code, StringBuilder text, string source, int start, int end, bool keepText)
    {
        for (var i = start; i < end; i++)
        {
            if (source[i] == '\n')
            {
                Both(code, text, '\n');
            }
            else
            {
                code.Append(' ');
                text.Append(keepText ? source[i] : ' ');
            }
        }
    }

    private static void Both(StringBuilder code, StringBuilder text, char c)
    {
        code.Append(c);
        text.Append(c);
    }

    private static bool At(string source, int i, string token) => string.CompareOrdinal(source, i, token, 0, token.Length) == 0;

    [GeneratedRegex(@"@\*.*?\*@|<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MarkupComments();
}
