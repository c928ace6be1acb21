using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>
/// The rules for a connection's label. A label is what a person reads to tell keys apart and what they type to confirm
/// that a key may withdraw, so it must look like what it is: it is kept in Unicode normalisation form C (so "Café"
/// typed composed or decomposed is one label), it may not hold invisible, formatting, bidirectional or private-use
/// characters, a word may not mix Latin, Cyrillic and Greek letters (the classic look-alike trick), and two labels are
/// the same when they differ only in case, compatibility forms, runs of spaces or look-alike letters.
/// </summary>
internal static class ConnectionLabel
{
    public const int MaxLength = 100;

    // Comparison keys are at most as long as the column; a longer one (compatibility forms can expand) is hashed.
    private const int MaxKeyLength = 100;

    private const char Ideographic = '\u3000';
    private const int ZeroWidthJoiner = 0x200D;

    /// <summary>The label as stored: trimmed and in normalisation form C. Broken UTF-16 is left for <see cref="Problem"/>.</summary>
    public static string Normalize(string? label)
    {
        var trimmed = (label ?? string.Empty).Trim();
        return IsWellFormed(trimmed) ? trimmed.Normalize(NormalizationForm.FormC) : trimmed;
    }

    /// <summary>Why <paramref name="label"/> (already <see cref="Normalize">normalised</see>) cannot be a label, naming
    /// the character; null when it can.</summary>
    public static CoreError? Problem(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 0)
        {
            return Refused(
                new("The label is empty: give this connection a name.", "标签为空：请为此连接取一个名称。"),
                new("Choose a short name such as \"Main account\".", "请取一个简短的名称，例如“主账户”。"));
        }

        if (label.Length > MaxLength)
        {
            // Nothing is cut: a label shortened silently is not the one the person typed.
            return Refused(
                new($"The label is {label.Length} characters long; it may have at most {MaxLength}.", $"标签长 {label.Length} 个字符，最多只能有 {MaxLength} 个。"),
                new($"Shorten it by {label.Length - MaxLength} characters, or choose a short name such as \"Main account\".", $"请删去 {label.Length - MaxLength} 个字符，或取一个简短的名称，例如“主账户”。"));
        }

        if (!IsWellFormed(label))
        {
            return Refused(
                new("The label is not valid text: it holds half of a character (an unpaired UTF-16 surrogate).", "标签不是有效文本：其中有半个字符（不成对的 UTF-16 代理项）。"),
                new("Type the label again; letters, digits, spaces and punctuation in any language are fine.", "请重新输入标签；任何语言的字母、数字、空格和标点均可。"));
        }

        if (label.Contains('|', StringComparison.Ordinal))
        {
            return Refused(
                new("The label may not contain '|'.", "标签不能包含“|”。"),
                new("Use another separator, such as '-' or '/'.", "请改用其他分隔符，例如“-”或“/”。"));
        }

        var runes = label.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            if (Hidden(runes, i) is { } what)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"U+{runes[i].Value:X4}");
                return Refused(
                    new($"The label contains {code} ({what.En}), which does not show as itself and can make one label look like another.", $"标签包含 {code}（{what.Zh}），它不会按原样显示，可能使一个标签看起来像另一个。"),
                    new($"Type the label again without {code}; letters, digits, spaces and punctuation in any language are fine.", $"请去掉 {code} 后重新输入标签；任何语言的字母、数字、空格和标点均可。"));
            }
        }

        if (MixedScriptWord(label) is { } mixed)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"U+{mixed.Odd.Value:X4}");
            return Refused(
                new($"The word \"{mixed.Word}\" in the label mixes {mixed.Scripts.En} letters ({code} is {mixed.OddScript.En}), so it can look like a different word.", $"标签中的“{mixed.Word}”混用了{mixed.Scripts.Zh}字母（{code} 是{mixed.OddScript.Zh}字母），看起来可能像另一个词。"),
                new("Type the word in one alphabet.", "请只用一种字母书写这个词。"));
        }

        return null;
    }

    /// <summary>
    /// The key two labels are compared by: compatibility-normalised (NFKC), upper-cased, look-alike Cyrillic and Greek
    /// letters read as the Latin ones, runs of spaces as one. Lone surrogates read as U+FFFD, so any input has a key.
    /// </summary>
    public static string Key(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var text = IsWellFormed(label) ? label : Repair(label);
        var folded = text.Trim().Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var key = new StringBuilder(folded.Length);
        var space = false;
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                space = true;
                continue;
            }

            if (space && key.Length > 0)
            {
                key.Append(' ');
            }

            space = false;
            if (rune.IsBmp && LookAlikes.TryGetValue((char)rune.Value, out var latin))
            {
                key.Append(latin);
            }
            else
            {
                key.Append(rune.ToString());
            }
        }

        var result = key.ToString();
        return result.Length <= MaxKeyLength ? result : "#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result)));
    }

    private static CoreError Refused(LocalizedText message, LocalizedText fix) => Errors.BadInput("label", message, fix);

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Repair(string text)
    {
        var repaired = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                repaired.Append(text[i]).Append(text[++i]);
            }
            else
            {
                repaired.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return repaired.ToString();
    }

    /// <summary>What the rune at <paramref name="i"/> is when it is one a label may not hold; null when it may.</summary>
    private static LocalizedText? Hidden(Rune[] runes, int i)
    {
        var rune = runes[i];
        if (Named.TryGetValue(rune.Value, out var name))
        {
            // A joiner between two pictographs builds one emoji (a family, a flag): that is visible and allowed.
            return rune.Value == ZeroWidthJoiner && i > 0 && i + 1 < runes.Length && IsEmojiPart(runes[i - 1]) && IsEmojiPart(runes[i + 1]) ? null : name;
        }

        if (rune.Value is >= 0xE0000 and <= 0xE007F)
        {
            return new("a tag character, invisible", "标签字符，不可见");
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => new("a control character", "控制字符"),
            UnicodeCategory.Format => new("an invisible formatting character", "不可见的格式字符"),
            UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => new("a line break", "换行符"),
            UnicodeCategory.PrivateUse => new("a private-use character, which shows differently on every system", "私用区字符，在各系统上显示不同"),
            UnicodeCategory.OtherNotAssigned => new("a code point Unicode has not assigned", "Unicode 尚未分配的码位"),
            UnicodeCategory.SpaceSeparator when rune.Value != ' ' && rune.Value != Ideographic => new("a space other than the ordinary one", "非普通空格的空白字符"),
            _ => null,
        };
    }

    private static bool IsEmojiPart(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol
        || rune.Value is >= 0xFE00 and <= 0xFE0F // variation selectors
        || rune.Value is >= 0x1F3FB and <= 0x1F3FF; // skin tones

    private static (string Word, Rune Odd, LocalizedText OddScript, LocalizedText Scripts)? MixedScriptWord(string label)
    {
        foreach (var word in label.Split([' ', Ideographic, '-', '_', '/', '.', ',', '(', ')', ':', '#', '&', '+'], StringSplitOptions.RemoveEmptyEntries))
        {
            var scripts = word.EnumerateRunes().Select(r => (Rune: r, Script: ScriptOf(r))).Where(s => s.Script != Script.Other).ToArray();
            var distinct = scripts.Select(s => s.Script).Distinct().ToArray();
            if (distinct.Length < 2)
            {
                continue;
            }

            // The letter named is the first one of the script the word has fewest of (on a tie, the non-Latin one).
            var odd = scripts.GroupBy(s => s.Script).OrderBy(g => g.Count()).ThenBy(g => g.Key == Script.Latin).First().First();
            var names = string.Join(" and ", distinct.Select(s => ScriptName(s).En));
            var namesZh = string.Join("和", distinct.Select(s => ScriptName(s).Zh));
            return (word, odd.Rune, ScriptName(odd.Script), new(names, namesZh));
        }

        return null;
    }

    private enum Script
    {
        Other,
        Latin,
        Greek,
        Cyrillic,
    }

    private static Script ScriptOf(Rune rune)
    {
        if (!Rune.IsLetter(rune))
        {
            return Script.Other;
        }

        return rune.Value switch
        {
            (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= 0x00C0 and <= 0x024F) or (>= 0x1E00 and <= 0x1EFF) => Script.Latin,
            (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF) => Script.Greek,
            (>= 0x0400 and <= 0x052F) or (>= 0x1C80 and <= 0x1C8F) or (>= 0x2DE0 and <= 0x2DFF) or (>= 0xA640 and <= 0xA69F) => Script.Cyrillic,
            _ => Script.Other,
        };
    }

    private static LocalizedText ScriptName(Script script) => script switch
    {
        Script.Latin => new("Latin", "拉丁"),
        Script.Greek => new("Greek", "希腊"),
        _ => new("Cyrillic", "西里尔"),
    };

    private static readonly Dictionary<int, LocalizedText> Named = new()
    {
        [0x00A0] = new("NO-BREAK SPACE", "不换行空格"),
        [0x00AD] = new("SOFT HYPHEN, invisible", "软连字符，不可见"),
        [0x034F] = new("COMBINING GRAPHEME JOINER, invisible", "组合字素连接符，不可见"),
        [0x061C] = new("ARABIC LETTER MARK, a bidirectional control", "阿拉伯字母标记，双向控制字符"),
        [0x115F] = new("HANGUL CHOSEONG FILLER, invisible", "谚文初声填充符，不可见"),
        [0x1160] = new("HANGUL JUNGSEONG FILLER, invisible", "谚文中声填充符，不可见"),
        [0x180E] = new("MONGOLIAN VOWEL SEPARATOR, invisible", "蒙古文元音分隔符，不可见"),
        [0x200B] = new("ZERO WIDTH SPACE", "零宽空格"),
        [0x200C] = new("ZERO WIDTH NON-JOINER", "零宽非连接符"),
        [ZeroWidthJoiner] = new("ZERO WIDTH JOINER", "零宽连接符"),
        [0x200E] = new("LEFT-TO-RIGHT MARK, a bidirectional control", "从左到右标记，双向控制字符"),
        [0x200F] = new("RIGHT-TO-LEFT MARK, a bidirectional control", "从右到左标记，双向控制字符"),
        [0x202A] = new("LEFT-TO-RIGHT EMBEDDING, a bidirectional control", "从左到右嵌入，双向控制字符"),
        [0x202B] = new("RIGHT-TO-LEFT EMBEDDING, a bidirectional control", "从右到左嵌入，双向控制字符"),
        [0x202C] = new("POP DIRECTIONAL FORMATTING, a bidirectional control", "弹出方向格式，双向控制字符"),
        [0x202D] = new("LEFT-TO-RIGHT OVERRIDE, a bidirectional control", "从左到右覆盖，双向控制字符"),
        [0x202E] = new("RIGHT-TO-LEFT OVERRIDE, a bidirectional control that shows text reversed", "从右到左覆盖，使文字反向显示的双向控制字符"),
        [0x2028] = new("LINE SEPARATOR, a line break", "行分隔符，换行"),
        [0x2029] = new("PARAGRAPH SEPARATOR, a line break", "段落分隔符，换行"),
        [0x2060] = new("WORD JOINER, invisible", "词连接符，不可见"),
        [0x2066] = new("LEFT-TO-RIGHT ISOLATE, a bidirectional control", "从左到右隔离，双向控制字符"),
        [0x2067] = new("RIGHT-TO-LEFT ISOLATE, a bidirectional control", "从右到左隔离，双向控制字符"),
        [0x2068] = new("FIRST STRONG ISOLATE, a bidirectional control", "首强隔离，双向控制字符"),
        [0x2069] = new("POP DIRECTIONAL ISOLATE, a bidirectional control", "弹出方向隔离，双向控制字符"),
        [0x2800] = new("BRAILLE PATTERN BLANK, invisible", "空白盲文点字，不可见"),
        [0x3164] = new("HANGUL FILLER, invisible", "谚文填充符，不可见"),
        [0xFEFF] = new("BYTE ORDER MARK, invisible", "字节顺序标记，不可见"),
        [0xFFA0] = new("HALFWIDTH HANGUL FILLER, invisible", "半角谚文填充符，不可见"),
    };

    // Upper-case Cyrillic and Greek letters that look like a Latin capital in common fonts (Unicode's confusables
    // for these scripts, the capitals only: keys are compared upper-cased).
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['А'] = 'A',
        ['В'] = 'B',
        ['Е'] = 'E',
        ['К'] = 'K',
        ['М'] = 'M',
        ['Н'] = 'H',
        ['О'] = 'O',
        ['Р'] = 'P',
        ['С'] = 'C',
        ['Т'] = 'T',
        ['Х'] = 'X',
        ['У'] = 'Y',
        ['І'] = 'I',
        ['Ј'] = 'J',
        ['Ѕ'] = 'S',
        ['Ԁ'] = 'D',
        ['Ԛ'] = 'Q',
        ['Ԝ'] = 'W',
        ['Ү'] = 'Y',
        ['Α'] = 'A',
        ['Β'] = 'B',
        ['Ε'] = 'E',
        ['Ζ'] = 'Z',
        ['Η'] = 'H',
        ['Ι'] = 'I',
        ['Κ'] = 'K',
        ['Μ'] = 'M',
        ['Ν'] = 'N',
        ['Ο'] = 'O',
        ['Ρ'] = 'P',
        ['Τ'] = 'T',
        ['Υ'] = 'Y',
        ['Χ'] = 'X',
    };
}
