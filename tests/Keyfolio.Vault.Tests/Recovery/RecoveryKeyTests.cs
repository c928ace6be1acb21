using System.Text.RegularExpressions;
using Keyfolio.Vault.Recovery;

namespace Keyfolio.Vault.Tests.Recovery;

public sealed partial class RecoveryKeyTests
{
    [Fact]
    public void A_recovery_key_is_shown_as_eight_groups_of_five_Base32_characters()
    {
        using var key = RecoveryKey.Generate();

        var shown = key.ToDisplayString();

        Assert.Matches(GroupedBase32(), shown);
    }

    [Fact]
    public void Two_recovery_keys_differ()
    {
        using var first = RecoveryKey.Generate();
        using var second = RecoveryKey.Generate();

        Assert.NotEqual(first.ToDisplayString(), second.ToDisplayString());
    }

    [Fact]
    public void A_key_typed_in_lower_case_with_spaces_and_look_alike_digits_reads_back_the_same()
    {
        using var key = RecoveryKey.Generate();
        var shown = key.ToDisplayString();
        var typed = "  " + shown.Replace('-', ' ').ToLowerInvariant().Replace('o', '0').Replace('i', '1').Replace('b', '8') + "\n";

        using var parsed = RecoveryKey.Parse(typed);

        Assert.Equal(shown, parsed.ToDisplayString());
    }

    [Fact]
    public void A_mistyped_character_is_caught_by_the_check()
    {
        using var key = RecoveryKey.Generate();
        var shown = key.ToDisplayString().ToCharArray();
        shown[7] = shown[7] == 'A' ? 'C' : 'A';

        var error = Assert.Throws<VaultException>(() => RecoveryKey.Parse(new string(shown)));

        Assert.Equal(VaultErrorKind.MalformedRecoveryKey, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDE-FGHIJ")]
    [InlineData("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFG!")]
    public void Text_that_is_not_a_recovery_key_is_refused(string text) =>
        Assert.Equal(VaultErrorKind.MalformedRecoveryKey, Assert.Throws<VaultException>(() => RecoveryKey.Parse(text)).Kind);

    [Fact]
    public void ToString_never_reveals_the_key()
    {
        using var key = RecoveryKey.Generate();

        Assert.Equal("RecoveryKey(redacted)", key.ToString());
        Assert.DoesNotContain(key.ToDisplayString()[..5], $"{key}", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Z2-7]{5}(-[A-Z2-7]{5}){7}$")]
    private static partial Regex GroupedBase32();
}
