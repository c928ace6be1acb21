using Keyfolio.Exchanges.Okx.FastApi;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

public sealed class OkxFastApiPassphraseTests
{
    [Fact]
    public void Every_passphrase_meets_okx_s_rule_for_keys_created_through_the_api()
    {
        var passphrases = Enumerable.Range(0, 2000).Select(_ => new string(OkxFastApiPassphrase.Generate())).ToList();

        Assert.All(passphrases, passphrase =>
        {
            Assert.InRange(passphrase.Length, 8, 32);
            Assert.Contains(passphrase, char.IsAsciiDigit);
            Assert.Contains(passphrase, char.IsAsciiLetterUpper);
            Assert.Contains(passphrase, char.IsAsciiLetterLower);
            Assert.Contains(passphrase, c => !char.IsAsciiLetterOrDigit(c));
        });
        Assert.Equal(passphrases.Count, passphrases.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Passphrases_hold_only_characters_safe_in_json_and_in_a_header()
    {
        var characters = Enumerable.Range(0, 500).SelectMany(_ => OkxFastApiPassphrase.Generate()).ToHashSet();

        Assert.All(characters, c => Assert.True(char.IsAsciiLetterOrDigit(c) || "!#$%*-.=?@^_~".Contains(c, StringComparison.Ordinal), $"'{c}'"));
        Assert.Contains(characters, c => "!#$%*-.=?@^_~".Contains(c, StringComparison.Ordinal));
    }
}
