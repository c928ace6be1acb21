using System.Globalization;
using System.Text;

namespace Keyfolio.Vault.Passwords;

/// <summary>
/// The rules for the master password and export passwords: 8 to 1024 characters (Unicode scalar values) after
/// NFC normalisation, not on the bundled list of common passwords (ignoring case and digits or symbols added
/// before or after), and not a trivial pattern (one repeated character or short unit, a run such as
/// "abcdefgh" or "98765432", or a keyboard row).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 1024;

    private static readonly string[] KeyboardRows =
    [
        "qwertyuiopasdfghjklzxcvbnm",
        "1234567890",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
        "qazwsxedcrfvtgbyhnujmikolp",
        "azertyuiopqsdfghjklmwxcvbn",
        "qwertzuiopasdfghjklyxcvbnm",
    ];

    /// <summary>
    /// The password in normal form C, the form every key derivation uses, so the same password typed on
    /// another system (composed or decomposed accents) opens the vault.
    /// </summary>
    public static string Normalize(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return password.Normalize(NormalizationForm.FormC);
    }

    /// <summary>The first rule <paramref name="password"/> breaks, or null when it is acceptable.</summary>
    public static PasswordProblem? Check(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Check(password.AsSpan());
    }

    /// <summary>
    /// The first rule <paramref name="password"/> breaks, or null when it is acceptable. Works in pinned buffers zeroed
    /// before it returns, so a password that never was a string (read from a form or a request body) does not become one.
    /// </summary>
    public static PasswordProblem? Check(ReadOnlySpan<char> password)
    {
        if (!NormalizedPassword.TryCreate(password, out var normalized))
        {
            return PasswordProblem.InvalidText;
        }

        using (normalized)
        {
            return CheckNormalized(normalized.Span);
        }
    }

    /// <summary>
    /// Normalises <paramref name="password"/> and refuses it with <see cref="VaultErrorKind.PasswordRejected"/>
    /// and a message naming <paramref name="field"/> and the fix when it breaks a rule.
    /// </summary>
    public static string EnsureAcceptable(string password, string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        if (Check(password) is { } problem)
        {
            throw new VaultException(VaultErrorKind.PasswordRejected, Describe(problem, field));
        }

        return Normalize(password);
    }

    /// <summary>
    /// Every password refused as common, lower case, in no particular order: what a browser needs to check the rule as
    /// the password is typed (with the trimming of digits and symbols and the look-alike letters applied as here).
    /// </summary>
    public static IEnumerable<string> CommonPasswordList() => CommonPasswords.All;

    /// <summary>As <see cref="EnsureAcceptable(string, string)"/>, the normal form in a pinned buffer the caller disposes.</summary>
    internal static NormalizedPassword EnsureAcceptable(ReadOnlySpan<char> password, string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        if (Check(password) is { } problem)
        {
            throw new VaultException(VaultErrorKind.PasswordRejected, Describe(problem, field));
        }

        NormalizedPassword.TryCreate(password, out var normalized);
        return normalized;
    }

    /// <summary>A sentence for people: what is wrong with the password and what to do.</summary>
    public static string Describe(PasswordProblem problem, string field)
    {
        var subject = char.ToUpperInvariant(field[0]) + field[1..];
        return problem switch
        {
            PasswordProblem.TooShort => $"{subject} is too short: use at least {MinimumLength} characters. A few unrelated words make a strong password that is easy to remember.",
            PasswordProblem.TooLong => string.Create(CultureInfo.InvariantCulture, $"{subject} is too long: use at most {MaximumLength:N0} characters."),
            PasswordProblem.Common => $"{subject} is one of the most common passwords (perhaps with digits or symbols added), which attackers try first. Choose another.",
            PasswordProblem.TrivialPattern => $"{subject} is a trivial pattern (a repeated character or a simple sequence). Choose another.",
            PasswordProblem.InvalidText => $"{subject} contains invalid text (an unpaired surrogate character). Type it again.",
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
    }

    private static PasswordProblem? CheckNormalized(ReadOnlySpan<char> normalized)
    {
        var runes = 0;
        foreach (var _ in normalized.EnumerateRunes())
        {
            runes++;
        }

        if (runes < MinimumLength)
        {
            return PasswordProblem.TooShort;
        }

        if (runes > MaximumLength)
        {
            return PasswordProblem.TooLong;
        }

        var lower = GC.AllocateArray<char>(normalized.Length, pinned: true);
        try
        {
            normalized.ToLowerInvariant(lower);
            if (IsCommon(lower))
            {
                return PasswordProblem.Common;
            }

            return IsTrivialPattern(lower) ? PasswordProblem.TrivialPattern : null;
        }
        finally
        {
            Array.Clear(lower);
        }
    }

    private static bool IsCommon(ReadOnlySpan<char> lower)
    {
        if (CommonPasswords.Contains(lower))
        {
            return true;
        }

        var core = lower.Trim("0123456789!@#$%^&*()-_=+.,?;:'\"~`/\\|[]{}<> ");
        if (core.Length < 4)
        {
            return false;
        }

        if (CommonPasswords.Contains(core))
        {
            return true;
        }

        var unleet = GC.AllocateArray<char>(core.Length, pinned: true);
        try
        {
            Unleet(core, unleet);
            return CommonPasswords.Contains(unleet);
        }
        finally
        {
            Array.Clear(unleet);
        }
    }

    private static void Unleet(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] switch
            {
                '@' or '4' => 'a',
                '3' => 'e',
                '1' or '!' => 'i',
                '0' => 'o',
                '$' or '5' => 's',
                '7' => 't',
                var c => c,
            };
        }
    }

    private static bool IsTrivialPattern(ReadOnlySpan<char> lower)
    {
        var runeCount = 0;
        foreach (var _ in lower.EnumerateRunes())
        {
            runeCount++;
        }

        var runes = GC.AllocateArray<int>(runeCount, pinned: true);
        var reversed = GC.AllocateArray<char>(lower.Length, pinned: true);
        try
        {
            var at = 0;
            foreach (var rune in lower.EnumerateRunes())
            {
                runes[at++] = rune.Value;
            }

            for (var unit = 1; unit <= 4; unit++)
            {
                if (runes.Length % unit == 0 && runes.Length / unit >= 2 && IsRepetitionOf(runes, unit))
                {
                    return true;
                }
            }

            if (IsRun(runes, +1) || IsRun(runes, -1))
            {
                return true;
            }

            lower.CopyTo(reversed);
            reversed.AsSpan().Reverse();
            foreach (var row in KeyboardRows)
            {
                if (row.AsSpan().Contains(lower, StringComparison.Ordinal) || row.AsSpan().Contains(reversed, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            Array.Clear(runes);
            Array.Clear(reversed);
        }
    }

    private static bool IsRepetitionOf(int[] runes, int unit)
    {
        for (var i = unit; i < runes.Length; i++)
        {
            if (runes[i] != runes[i - unit])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRun(int[] runes, int step)
    {
        for (var i = 1; i < runes.Length; i++)
        {
            if (runes[i] - runes[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }
}
