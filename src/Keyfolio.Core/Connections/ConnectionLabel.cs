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
                Texts.Of("TheLabelIsEmptyGive"),
                Texts.Of("ChooseAShortNameSuch"));
        }

        if (label.Length > MaxLength)
        {
            // Nothing is cut: a label shortened silently is not the one the person typed.
            return Refused(
                Texts.Of("TheLabelIsCharactersLong", label.Length, MaxLength),
                Texts.Of("ShortenItByCharactersOr", label.Length - MaxLength));
        }

        if (!IsWellFormed(label))
        {
            return Refused(
                Texts.Of("TheLabelIsNotValid"),
                Texts.Of("TypeTheLabelAgainLetters"));
        }

        if (label.Contains('|', StringComparison.Ordinal))
        {
            return Refused(
                Texts.Of("TheLabelMayNotContain"),
                Texts.Of("UseAnotherSeparatorSuchAs"));
        }

        var runes = label.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            if (Hidden(runes, i) is { } what)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"U+{runes[i].Value:X4}");
                return Refused(
                    Texts.Of("TheLabelContainsWhichDoes", code, what),
                    Texts.Of("TypeTheLabelAgainWithout", code));
            }
        }

        if (MixedScriptWord(label) is { } mixed)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"U+{mixed.Odd.Value:X4}");
            return Refused(
                Texts.Of("TheWordInTheLabel", mixed.Word, mixed.Scripts, code, mixed.OddScript),
                Texts.Of("TypeTheWordInOne"));
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
            return Texts.Of("ATagCharacterInvisible");
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => Texts.Of("AControlCharacter"),
            UnicodeCategory.Format => Texts.Of("AnInvisibleFormattingCharacter"),
            UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => Texts.Of("ALineBreak"),
            UnicodeCategory.PrivateUse => Texts.Of("APrivateUseCharacterWhich"),
            UnicodeCategory.OtherNotAssigned => Texts.Of("ACodePointUnicodeHas"),
            UnicodeCategory.SpaceSeparator when rune.Value != ' ' && rune.Value != Ideographic => Texts.Of("ASpaceOtherThanThe"),
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
            return (word, odd.Rune, ScriptName(odd.Script), LocalizedText.Join(Texts.Of("AndSeparator"), distinct.Select(ScriptName)));
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
        Script.Latin => Texts.Of("Latin"),
        Script.Greek => Texts.Of("Greek"),
        _ => Texts.Of("Cyrillic"),
    };

    private static readonly Dictionary<int, LocalizedText> Named = new()
    {
        [0x00A0] = Texts.Of("NOBREAKSPACE"),
        [0x00AD] = Texts.Of("SOFTHYPHENInvisible"),
        [0x034F] = Texts.Of("COMBININGGRAPHEMEJOINERInvisible"),
        [0x061C] = Texts.Of("ARABICLETTERMARKABidirectional"),
        [0x115F] = Texts.Of("HANGULCHOSEONGFILLERInvisible"),
        [0x1160] = Texts.Of("HANGULJUNGSEONGFILLERInvisible"),
        [0x180E] = Texts.Of("MONGOLIANVOWELSEPARATORInvisible"),
        [0x200B] = Texts.Of("ZEROWIDTHSPACE"),
        [0x200C] = Texts.Of("ZEROWIDTHNONJOINER"),
        [ZeroWidthJoiner] = Texts.Of("ZEROWIDTHJOINER"),
        [0x200E] = Texts.Of("LEFTTORIGHTMARKA"),
        [0x200F] = Texts.Of("RIGHTTOLEFTMARKA"),
        [0x202A] = Texts.Of("LEFTTORIGHTEMBEDDINGA"),
        [0x202B] = Texts.Of("RIGHTTOLEFTEMBEDDINGA"),
        [0x202C] = Texts.Of("POPDIRECTIONALFORMATTINGABidirectional"),
        [0x202D] = Texts.Of("LEFTTORIGHTOVERRIDEA"),
        [0x202E] = Texts.Of("RIGHTTOLEFTOVERRIDEA"),
        [0x2028] = Texts.Of("LINESEPARATORALineBreak"),
        [0x2029] = Texts.Of("PARAGRAPHSEPARATORALineBreak"),
        [0x2060] = Texts.Of("WORDJOINERInvisible"),
        [0x2066] = Texts.Of("LEFTTORIGHTISOLATEA"),
        [0x2067] = Texts.Of("RIGHTTOLEFTISOLATEA"),
        [0x2068] = Texts.Of("FIRSTSTRONGISOLATEABidirectional"),
        [0x2069] = Texts.Of("POPDIRECTIONALISOLATEABidirectional"),
        [0x2800] = Texts.Of("BRAILLEPATTERNBLANKInvisible"),
        [0x3164] = Texts.Of("HANGULFILLERInvisible"),
        [0xFEFF] = Texts.Of("BYTEORDERMARKInvisible"),
        [0xFFA0] = Texts.Of("HALFWIDTHHANGULFILLERInvisible"),
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
