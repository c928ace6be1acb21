using System.Globalization;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Formats;

public sealed class CredentialCheckerTests
{
    public static TheoryData<ExchangeId> All => ExchangeData.All;

    [Theory]
    [MemberData(nameof(All))]
    public void Keys_in_the_exchange_format_pass_even_with_surrounding_whitespace(ExchangeId exchange)
    {
        var key = TestKey.For(exchange, "main");

        var check = ExchangeCatalog.Get(exchange).CheckCredentials(" " + key.ApiKey + "\n", "\t" + key.Secret, key.Passphrase);

        Assert.True(check.IsValid, string.Join("; ", check.Problems.Select(p => p.Message.For(CultureInfo.GetCultureInfo("en")))));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void An_empty_secret_is_reported_on_the_secret_field(ExchangeId exchange)
    {
        var key = TestKey.For(exchange, "main");

        var problem = Assert.Single(ExchangeCatalog.Get(exchange).CheckCredentials(key.ApiKey, "  ", key.Passphrase).Problems);

        Assert.Equal(("secret", CredentialFieldKind.Secret), (problem.FieldName, problem.Field));
        Assert.Contains("empty", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("为空", problem.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab\ncd", "line break")]
    [InlineData("ab cd", "space")]
    [InlineData("abcd\\n", "literal \\n")]
    public void Control_characters_inner_spaces_and_escaped_line_breaks_are_named(string inner, string named)
    {
        var key = TestKey.For(ExchangeId.Binance, "main");

        var problem = Assert.Single(ExchangeCatalog.Get(ExchangeId.Binance).CheckCredentials(key.ApiKey[..30] + inner + key.ApiKey[36..], key.Secret).Problems);

        Assert.Equal("apiKey", problem.FieldName);
        Assert.Contains(named, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_length_says_the_expected_form_and_never_repeats_the_value()
    {
        var secret = TestKey.For(ExchangeId.Gate, "main").Secret[..40];

        var problem = Assert.Single(ExchangeCatalog.Get(ExchangeId.Gate).CheckCredentials(TestKey.For(ExchangeId.Gate, "main").ApiKey, secret).Problems);

        Assert.Contains("64 hexadecimal digits", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("40 characters", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Okx_needs_its_passphrase_named_in_okx_words()
    {
        var key = TestKey.For(ExchangeId.Okx, "main");

        var problem = Assert.Single(ExchangeCatalog.Get(ExchangeId.Okx).CheckCredentials(key.ApiKey, key.Secret).Problems);

        Assert.Equal(CredentialFieldKind.Passphrase, problem.Field);
        Assert.StartsWith("Passphrase is empty", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_key_and_secret_are_recognised()
    {
        var key = TestKey.For(ExchangeId.Gate, "main");

        var problem = Assert.Single(ExchangeCatalog.Get(ExchangeId.Gate).CheckCredentials(key.Secret, key.ApiKey).Problems);

        Assert.Contains("swapped", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pem_private_key_where_an_hmac_secret_belongs_is_explained()
    {
        var problem = Assert.Single(ExchangeCatalog.Get(ExchangeId.Gate).CheckCredentials(TestKey.For(ExchangeId.Gate, "main").ApiKey, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA\n-----END PRIVATE KEY-----").Problems);

        Assert.Contains("HMAC", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_key_pasted_into_the_secret_field_is_named_as_the_same_value(ExchangeId exchange)
    {
        var key = TestKey.For(exchange, "main");

        var problem = Assert.Single(ExchangeCatalog.Get(exchange).CheckCredentials(key.ApiKey, " " + key.ApiKey, key.Passphrase).Problems);

        Assert.Equal(("secret", CredentialFieldKind.Secret), (problem.FieldName, problem.Field));
        Assert.Contains("is the same as the", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("相同", problem.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain(key.ApiKey, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }
}
