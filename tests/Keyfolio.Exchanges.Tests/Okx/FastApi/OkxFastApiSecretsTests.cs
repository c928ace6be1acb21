using Keyfolio.Exchanges.Okx.FastApi;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>Fast API's secrets never print and are zeroed when disposed.</summary>
public sealed class OkxFastApiSecretsTests
{
    private const string Value = "s3cr3t-value-0123456789";

    [Fact]
    public void No_holder_of_a_fast_api_secret_prints_it()
    {
        using var secret = new OkxFastApiClientSecret(Value);
        using var code = new OkxAuthorizationCode(Value);
        using var tokens = new OkxFastApiTokens(Value, Value + "-refresh", DateTimeOffset.UnixEpoch);
        var authorization = new OkxFastApiAuthorization(new Uri("https://www.okx.com/account/oauth/authorize?state=" + Value), Value);

        var printed = new[]
        {
            secret.ToString(),
            code.ToString(),
            tokens.ToString(),
            authorization.ToString(),
            ExchangeResult<OkxFastApiTokens>.Success(tokens).ToString(),
            ExchangeResult<OkxAuthorizationCode>.Success(code).ToString(),
        };

        Assert.All(printed, text => Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal));
        Assert.Equal("OkxFastApiTokens { AccessToken = ***, RefreshToken = ***, ExpiresAt = 1970-01-01T00:00:00.0000000+00:00 }", tokens.ToString());
    }

    [Fact]
    public void Disposing_zeroes_the_client_secret_code_and_tokens_and_refuses_further_use()
    {
        var secret = new OkxFastApiClientSecret(Value);
        var code = new OkxAuthorizationCode(Value);
        var tokens = new OkxFastApiTokens(Value, Value, null);
        var secretBytes = secret.Secret.Utf8;
        var codeBytes = code.Code.Utf8;
        var accessBytes = tokens.AccessToken.Utf8;
        var refreshBytes = tokens.RefreshToken.Utf8;

        secret.Dispose();
        code.Dispose();
        tokens.Dispose();

        Assert.Equal(Value.Length, secretBytes.Length);
        Assert.Equal(-1, secretBytes.IndexOfAnyExcept((byte)0));
        Assert.Equal(-1, codeBytes.IndexOfAnyExcept((byte)0));
        Assert.Equal(-1, accessBytes.IndexOfAnyExcept((byte)0));
        Assert.Equal(-1, refreshBytes.IndexOfAnyExcept((byte)0));
        Assert.Throws<ObjectDisposedException>(() => secret.Secret.Utf8.Length);
        Assert.Throws<ObjectDisposedException>(() => tokens.AccessToken.Text());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void An_empty_client_secret_is_refused(string secret)
    {
        var exception = Assert.Throws<ArgumentException>(() => new OkxFastApiClientSecret(secret));

        Assert.Equal("secret", exception.ParamName);
    }

    [Fact]
    public void Redaction_replaces_every_occurrence_of_a_secret()
    {
        using var secret = new PinnedSecret("tok-123");

        Assert.Equal("a *** b *** c", secret.RedactFrom("a tok-123 b tok-123 c"));
        Assert.Equal("nothing here", secret.RedactFrom("nothing here"));
    }
}
