using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges;

namespace Keyfolio.Core;

/// <summary>
/// Finds the text a recorded English and Simplified Chinese pair was made from, so a text an earlier version stored in
/// those two languages only shows in every language again. A pair is recovered when the texts of Keyfolio's catalogs
/// (the core's and the exchanges') that reproduce both strings exactly all show the same in every language: a text
/// without placeholders by its two patterns, one with placeholders by its pattern read as an anchored expression whose
/// captures become string arguments. Patterns made of placeholders and punctuation only take no part (they would match
/// anything), nor does a text nested in another (its parts differ between the languages, so no string can stand for it).
/// </summary>
internal sealed partial class RecordedTextRecovery
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo SimplifiedChinese = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo[] Languages = [.. new[] { "en", "zh-Hans", "zh-Hant", "ja", "ko" }.Select(CultureInfo.GetCultureInfo)];
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<(string En, string Zh), List<LocalizedText>> _fixed = [];
    private readonly List<Entry> _patterned = [];
    private readonly Dictionary<(string En, string Zh), LocalizedText?> _recovered = [];

    private RecordedTextRecovery(IEnumerable<TextCatalog> catalogs)
    {
        foreach (var catalog in catalogs)
        {
            foreach (var key in catalog.Keys)
            {
                if (RecordedTextJsonConverter.IsRecorded(catalog.Of(key)))
                {
                    continue;
                }

                var en = catalog.Pattern(key, English);
                var zh = catalog.Pattern(key, SimplifiedChinese);
                if (!HasWords(en))
                {
                    continue;
                }

                if (Placeholders(en).Count == 0 && Placeholders(zh).Count == 0)
                {
                    var text = catalog.Of(key);
                    if (TryShow(text, out var shown))
                    {
                        var pair = (shown[0], shown[1]);
                        if (!_fixed.TryGetValue(pair, out var texts))
                        {
                            _fixed[pair] = texts = [];
                        }

                        texts.Add(text);
                    }
                }
                else
                {
                    _patterned.Add(new Entry(catalog, key, Expression(en), Expression(zh)));
                }
            }
        }
    }

    /// <summary>Over the catalogs of Keyfolio.Core and Keyfolio.Exchanges, where every text that is stored comes from.</summary>
    public static RecordedTextRecovery ForStoredTexts() =>
        new([.. TextCatalog.In(typeof(Texts).Assembly), .. TextCatalog.In(typeof(LocalizedText).Assembly)]);

    /// <summary>The text recorded as <paramref name="en"/> and <paramref name="zh"/>, or null when it cannot be told.</summary>
    public LocalizedText? Recover(string en, string zh)
    {
        if (_recovered.TryGetValue((en, zh), out var known))
        {
            return known;
        }

        var candidates = new List<LocalizedText>();
        if (_fixed.TryGetValue((en, zh), out var texts))
        {
            candidates.AddRange(texts);
        }

        foreach (var entry in _patterned)
        {
            if (entry.Match(en, zh) is { } text)
            {
                candidates.Add(text);
            }
        }

        var found = candidates
            .Select(text => (Text: text, Shown: TryShow(text, out var shown) ? string.Join('\0', shown) : null))
            .Where(c => c.Shown is not null)
            .GroupBy(c => c.Shown, StringComparer.Ordinal)
            .ToList();
        var recovered = found.Count == 1 ? found[0].First().Text : null;
        _recovered[(en, zh)] = recovered;
        return recovered;
    }

    /// <summary>The text in every language, English and Simplified Chinese first; false when a pattern cannot take its arguments.</summary>
    private static bool TryShow(LocalizedText text, out string[] shown)
    {
        try
        {
            shown = [.. Languages.Select(text.For)];
            return true;
        }
        catch (Exception exception) when (exception is FormatException or MissingManifestResourceException or InvalidOperationException)
        {
            shown = [];
            return false;
        }
    }

    private static bool HasWords(string pattern) => Placeholder().Replace(pattern, string.Empty).Any(char.IsLetterOrDigit);

    private static HashSet<int> Placeholders(string pattern) =>
        [.. Placeholder().Matches(pattern).Select(m => int.Parse(m.Groups["index"].ValueSpan, CultureInfo.InvariantCulture))];

    /// <summary>The pattern as an anchored expression: its text literal, each placeholder a capture (a repeated one the same capture again).</summary>
    private static Regex? Expression(string pattern)
    {
        var expression = new StringBuilder(@"\A");
        var seen = new HashSet<int>();
        var at = 0;
        foreach (Match placeholder in Placeholder().Matches(pattern))
        {
            expression.Append(Literal(pattern[at..placeholder.Index]));
            var index = int.Parse(placeholder.Groups["index"].ValueSpan, CultureInfo.InvariantCulture);
            expression.Append(seen.Add(index) ? $"(?<a{index}>.*?)" : $@"\k<a{index}>");
            at = placeholder.Index + placeholder.Length;
        }

        expression.Append(Literal(pattern[at..])).Append(@"\z");
        return seen.Count == 0 ? null : new Regex(expression.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, MatchTimeout);
    }

    private static string Literal(string text) => Regex.Escape(text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal));

    // {0}, {1:N0}, {0,-5:lower}; "{{0}}" is the literal "{0}", which the look-behind and look-ahead leave alone.
    [GeneratedRegex(@"(?<!\{)\{(?<index>\d+)(,-?\d+)?(:[^{}]*)?\}(?!\})", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private sealed record Entry(TextCatalog Catalog, string Key, Regex? En, Regex? Zh)
    {
        /// <summary>The text with the arguments one language's capture gives, when it reproduces both recorded strings.</summary>
        public LocalizedText? Match(string en, string zh)
        {
            foreach (var (expression, recorded) in new[] { (En, en), (Zh, zh) })
            {
                if (Capture(expression, recorded) is not { } arguments)
                {
                    continue;
                }

                var text = Catalog.Of(Key, arguments);
                if (TryShow(text, out var shown) && shown[0] == en && shown[1] == zh)
                {
                    return text;
                }
            }

            return null;
        }

        private static object?[]? Capture(Regex? expression, string recorded)
        {
            if (expression is null)
            {
                return null;
            }

            try
            {
                var match = expression.Match(recorded);
                if (!match.Success)
                {
                    return null;
                }

                var captured = match.Groups.Values.Where(g => g.Name.StartsWith('a')).ToDictionary(g => int.Parse(g.Name.AsSpan(1), CultureInfo.InvariantCulture), g => g.Value);
                var arguments = new object?[captured.Keys.Max() + 1];
                foreach (var (index, value) in captured)
                {
                    arguments[index] = value;
                }

                return arguments;
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }
    }
}
