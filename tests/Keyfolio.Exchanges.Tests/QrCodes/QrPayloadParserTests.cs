using System.Globalization;
using Keyfolio.Exchanges.QrCodes;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.QrCodes;

public sealed class QrPayloadParserTests
{
    [Theory]
    [InlineData("""{"apiKey":"K1","secretKey":"S1"}""")]
    [InlineData("""{"key":"K1","secret":"S1"}""")]
    [InlineData("""  {"apiKey":" K1 ","secret":"S1","comment":"x"}""")]
    public void Json_payloads_give_key_and_secret(string text)
    {
        using var payload = QrPayloadParser.Parse(text, ExchangeId.Binance);

        Assert.Equal((QrPayloadFormat.Json, "K1", "S1"), (payload.Format, payload.ApiKey, payload.Secret.ToString()));
        Assert.True(payload.IsComplete);
    }

    [Fact]
    public void A_json_passphrase_is_read()
    {
        using var payload = QrPayloadParser.Parse("""{"apiKey":"K","secretKey":"S","passphrase":"P"}""", ExchangeId.Okx);

        Assert.Equal("P", payload.Passphrase.ToString());
        Assert.True(payload.IsComplete);
    }

    [Fact]
    public void An_okx_qr_code_without_passphrase_says_it_must_be_typed()
    {
        var okx = TestKey.For(ExchangeId.Okx, "main");
        using var payload = QrPayloadParser.Parse($$"""{"apiKey":"{{okx.ApiKey}}","secretKey":"{{okx.Secret}}"}""", ExchangeId.Okx);

        Assert.Equal([CredentialFieldKind.Passphrase], payload.Missing);
        Assert.False(payload.IsComplete);
        Assert.Contains("never puts the Passphrase", payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Passphrase", payload.Summary.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_the_exchange_asked_for_is_found_in_green()
    {
        var binance = TestKey.For(ExchangeId.Binance, "main");

        using var payload = QrPayloadParser.Parse($$"""{"apiKey":"{{binance.ApiKey}}","secretKey":"{{binance.Secret}}"}""", ExchangeId.Binance);

        Assert.True(payload.FitsExchange);
        Assert.Empty(payload.LooksLike);
        Assert.Equal("Found the API key and the secret.", payload.Summary.For(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void A_code_scanned_for_the_wrong_exchange_says_whose_key_it_looks_like()
    {
        var binance = TestKey.For(ExchangeId.Binance, "main");

        using var payload = QrPayloadParser.Parse($$"""{"apiKey":"{{binance.ApiKey}}","secretKey":"{{binance.Secret}}"}""", ExchangeId.Okx);

        Assert.False(payload.FitsExchange);
        Assert.Contains(ExchangeId.Binance, payload.LooksLike);
        Assert.DoesNotContain("Found", payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("looks like a key from", payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Binance", payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("not from OKX", payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("OKX", payload.Summary.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain(binance.Secret, payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bitfinex_text_scanned_for_another_exchange_names_bitfinex()
    {
        using var payload = QrPayloadParser.Parse("bitfinex-api-key:AbC123-secret:XyZ789", ExchangeId.Binance);

        Assert.False(payload.FitsExchange);
        Assert.Equal([ExchangeId.Bitfinex], payload.LooksLike);
        Assert.Contains("looks like a key from Bitfinex, not from Binance", payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_and_secret_of_no_known_form_say_what_does_not_fit()
    {
        using var payload = QrPayloadParser.Parse("""{"apiKey":"K1","secretKey":"S1"}""", ExchangeId.Kraken);

        Assert.False(payload.FitsExchange);
        Assert.StartsWith("The QR code holds a key and a secret, but not in Kraken's form:", payload.Summary.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bitfinex_form_is_read()
    {
        using var payload = QrPayloadParser.Parse("bitfinex-api-key:AbC123-secret:XyZ789", ExchangeId.Bitfinex);

        Assert.Equal((QrPayloadFormat.ExchangeText, "AbC123", "XyZ789"), (payload.Format, payload.ApiKey, payload.Secret.ToString()));
    }

    [Fact]
    public void A_json_secret_is_unescaped_and_trimmed_and_the_first_non_blank_one_wins()
    {
        using var payload = QrPayloadParser.Parse("""{"apiKey":"K1","secret":"  ","secretKey":" S\u00e9\"1 ","api_secret":"S2","extra":{"secret":"S3"}}""");

        Assert.Equal((QrPayloadFormat.Json, "K1", "Sé\"1"), (payload.Format, payload.ApiKey, payload.Secret.ToString()));
    }

    [Theory]
    [InlineData("""{"apiKey":"K1","secretKey":"S1"} trailing""")]
    [InlineData("""{"apiKey":"K1","secretKey":"S1",}""")]
    [InlineData("""{"apiKey":"K1","secretKey":"S1"}{}""")]
    public void Json_that_is_not_one_well_formed_object_is_unrecognised(string text)
    {
        using var payload = QrPayloadParser.Parse(text);

        Assert.Equal(QrPayloadFormat.Unrecognised, payload.Format);
        Assert.False(payload.HasSecret);
    }

    [Theory]
    [InlineData("bitfinex-api-key:AbC-secret:12-secret:XyZ", "AbC-secret:12", "XyZ")]
    [InlineData("my key\nbitfinex-api-key:AbC-key:D-secret:XyZ-secret:", "AbC-key:D", "XyZ-secret:")]
    public void The_bitfinex_form_takes_the_key_up_to_the_last_secret_marker(string text, string key, string secret)
    {
        using var payload = QrPayloadParser.Parse(text);

        Assert.Equal((QrPayloadFormat.ExchangeText, key, secret), (payload.Format, payload.ApiKey, payload.Secret.ToString()));
    }

    [Fact]
    public void A_disposed_payload_no_longer_gives_its_secret()
    {
        var payload = QrPayloadParser.Parse("""{"apiKey":"K","secretKey":"S","passphrase":"P"}""");

        payload.Dispose();

        Assert.Throws<ObjectDisposedException>(() => payload.Secret.Length);
        Assert.Throws<ObjectDisposedException>(() => payload.Passphrase.Length);
    }

    [Fact]
    public void Key_colon_secret_is_read()
    {
        using var payload = QrPayloadParser.Parse("abc:def");

        Assert.Equal((QrPayloadFormat.KeyColonSecret, "abc", "def"), (payload.Format, payload.ApiKey, payload.Secret.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://example.org")]
    [InlineData("{not json")]
    [InlineData("""{"name":"x"}""")]
    public void Anything_else_is_unrecognised_and_everything_missing(string text)
    {
        using var payload = QrPayloadParser.Parse(text, ExchangeId.Gate);

        Assert.Equal(QrPayloadFormat.Unrecognised, payload.Format);
        Assert.Equal([CredentialFieldKind.ApiKey, CredentialFieldKind.Secret], payload.Missing);
    }

    [Fact]
    public void A_payload_never_prints_its_secret()
    {
        using var payload = QrPayloadParser.Parse("""{"apiKey":"KEY-123456789","secretKey":"TOP-SECRET","passphrase":"PASS"}""");

        Assert.DoesNotContain("TOP-SECRET", payload.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", payload.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("KEY-1234", payload.ToString(), StringComparison.Ordinal);
    }
}
