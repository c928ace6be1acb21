using Keyfolio.Vault.Passwords;

namespace Keyfolio.Vault.Tests.Passwords;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("violet-harbour-lantern-42")]
    [InlineData("Tr0ub4dor&3x")]
    [InlineData("correct horse battery staple")]
    [InlineData("我的密码是安全的吗？长一点")]
    [InlineData("dragonfly-in-the-sunroom")]
    public void Reasonable_passwords_are_accepted(string password) =>
        Assert.Null(PasswordPolicy.Check(password));

    [Theory]
    [InlineData("")]
    [InlineData("a1b2c3d")]
    [InlineData("短密码七个字符")]
    public void Passwords_under_eight_characters_are_too_short(string password) =>
        Assert.Equal(PasswordProblem.TooShort, PasswordPolicy.Check(password));

    [Fact]
    public void Length_counts_characters_after_NFC_normalisation_not_UTF16_units()
    {
        // Seven letters each written as a base letter plus a combining accent: 14 UTF-16 units, 7 after NFC.
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 7));
        var emoji = "🔑🗝️🔐🔒🔓🛡️🧱📦";

        Assert.Equal(PasswordProblem.TooShort, PasswordPolicy.Check(decomposed));
        Assert.Null(PasswordPolicy.Check(emoji));
    }

    [Fact]
    public void Passwords_over_1024_characters_are_too_long()
    {
        var longest = string.Concat(Enumerable.Range(0, 1024).Select(i => (char)('a' + (i * 7 % 26))));

        Assert.Null(PasswordPolicy.Check(longest));
        Assert.Equal(PasswordProblem.TooLong, PasswordPolicy.Check(longest + "q"));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Password1")]
    [InlineData("password123!")]
    [InlineData("P@ssw0rd")]
    [InlineData("iloveyou2024")]
    [InlineData("Dragon2024!")]
    [InlineData("2024sunshine")]
    [InlineData("qwerty123")]
    [InlineData("1q2w3e4r")]
    [InlineData("trustno1")]
    [InlineData("Bitcoin2025")]
    public void Common_passwords_are_refused_even_with_digits_or_symbols_around_them(string password) =>
        Assert.Equal(PasswordProblem.Common, PasswordPolicy.Check(password));

    [Theory]
    [InlineData("sobriety")]
    [InlineData("Karamelka")]
    [InlineData("lizaveta2024")]
    [InlineData("roberto1")]
    [InlineData("volodin!!")]
    [InlineData("poiuytrewq")]
    public void Passwords_ranked_near_ten_thousandth_in_leaked_sets_are_refused(string password) =>
        Assert.Equal(PasswordProblem.Common, PasswordPolicy.Check(password));

    [Fact]
    public void At_least_ten_thousand_common_passwords_are_refused() =>
        Assert.True(CommonPasswords.Count >= 10_000, $"{CommonPasswords.Count} passwords");

    [Theory]
    [InlineData("zzzzzzzzzz")]
    [InlineData("abcdefghij")]
    [InlineData("hgfedcba")]
    [InlineData("34567890")]
    [InlineData("abcabcabcabc")]
    [InlineData("xyxyxyxyxy")]
    [InlineData("wsxedcrfv")]
    [InlineData("ääääääää")]
    public void Trivial_patterns_are_refused(string password) =>
        Assert.Equal(PasswordProblem.TrivialPattern, PasswordPolicy.Check(password));

    [Fact]
    public void Text_with_an_unpaired_surrogate_is_refused_as_invalid() =>
        Assert.Equal(PasswordProblem.InvalidText, PasswordPolicy.Check("abcdefgh\uD800ijkl"));

    [Fact]
    public void Composed_and_decomposed_forms_normalise_to_the_same_password() =>
        Assert.Equal(PasswordPolicy.Normalize("Caf\u00e9-au-lait-42"), PasswordPolicy.Normalize("Cafe\u0301-au-lait-42"));

    [Fact]
    public void A_refusal_names_the_field_and_the_fix_and_never_echoes_the_password()
    {
        var error = Assert.Throws<VaultException>(() => PasswordPolicy.EnsureAcceptable("sunshine!", "the export password"));

        Assert.Equal(VaultErrorKind.PasswordRejected, error.Kind);
        Assert.StartsWith("The export password is one of the most common passwords", error.Message, StringComparison.Ordinal);
        Assert.Contains("Choose another", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sunshine", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_problem_has_a_message_that_says_what_to_do()
    {
        foreach (var problem in Enum.GetValues<PasswordProblem>())
        {
            var message = PasswordPolicy.Describe(problem, "the master password");

            Assert.StartsWith("The master password", message, StringComparison.Ordinal);
            Assert.EndsWith(".", message, StringComparison.Ordinal);
        }
    }
}
