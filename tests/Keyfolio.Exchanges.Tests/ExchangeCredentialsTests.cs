namespace Keyfolio.Exchanges.Tests;

public sealed class ExchangeCredentialsTests
{
    [Fact]
    public void ToString_shows_only_the_last_four_characters_of_the_key()
    {
        using var credentials = new ExchangeCredentials("abcdefghijklmnop", "the-secret", "the-passphrase");

        Assert.Equal("ExchangeCredentials { ApiKey = ****mnop, Secret = ***, Passphrase = *** }", credentials.ToString());
    }

    [Fact]
    public void Surrounding_whitespace_is_stripped()
    {
        using var credentials = new ExchangeCredentials(" key\n", "\tsecret ", " pass ");

        Assert.Equal(("key", "secret", "pass"), credentials.Reveal((apiKey, secret, passphrase) => (apiKey, new string(secret), new string(passphrase))));
    }

    [Fact]
    public void Dispose_zeroes_the_secret_and_refuses_further_use()
    {
        var credentials = new ExchangeCredentials("key", "secret", "pass");
        var secret = credentials.Secret.ToArray();

        credentials.Dispose();

        Assert.Equal("secret"u8.ToArray(), secret);
        Assert.Throws<ObjectDisposedException>(() => credentials.Secret.Length);
    }

    [Fact]
    public void Reveal_hands_the_key_secret_and_passphrase_to_the_reader()
    {
        using var credentials = new ExchangeCredentials("key", "the-secret", "the-passphrase");

        var seen = credentials.Reveal((apiKey, secret, passphrase) => (apiKey, new string(secret), new string(passphrase)));

        Assert.Equal(("key", "the-secret", "the-passphrase"), seen);
    }

    [Fact]
    public void Reveal_refuses_disposed_credentials()
    {
        var credentials = new ExchangeCredentials("key", "secret", "pass");
        credentials.Dispose();

        Assert.Throws<ObjectDisposedException>(() => credentials.Reveal((_, secret, _) => secret.Length));
    }

    [Fact]
    public void An_account_prints_without_credentials()
    {
        using var credentials = new ExchangeCredentials("abcdefghijklmnop", "the-secret");

        var text = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Gate), credentials, "c1").ToString();

        Assert.DoesNotContain("the-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefgh", text, StringComparison.Ordinal);
    }
}
