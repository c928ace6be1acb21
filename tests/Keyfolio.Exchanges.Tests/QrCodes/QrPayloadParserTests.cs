using Keyfolio.Exchanges.QrCodes;

namespace Keyfolio.Exchanges.Tests.QrCodes;

public sealed class QrPayloadParserTests
{
    [Theory]
    [InlineData("""{"apiKey":"K1","secretKey":"S1"}""")]
    [InlineData("""{"key":"K1","secret":"S1"}""")]
    [InlineData("""  {"apiKey":" K1 ","secret":"S1","comment":"x"}""")]
    public void Json_payloads_give_key_and_secret(string text)
    {
        var payload = QrPayloadParser.Parse(text, ExchangeId.Binance);

        Assert.Equal((QrPayloadFormat.Json, "K1", "S1"), (payload.Format, payload.ApiKey, payload.Secret));
        Assert.True(payload.IsComplete);
    }

    [Fact]
    public void A_json_passphrase_is_read()
    {
        var payload = QrPayloadParser.Parse("""{"apiKey":"K","secretKey":"S","passphrase":"P"}""", ExchangeId.Okx);

        Assert.Equal("P", payload.Passphrase);
        Assert.True(payload.IsComplete);
    }

    [Fact]
    public void An_okx_qr_code_without_passphrase_says_it_must_be_typed()
    {
        var payload = QrPayloadParser.Parse("""{"apiKey":"K","secretKey":"S"}""", ExchangeId.Okx);

        Assert.Equal([CredentialFieldKind.Passphrase], payload.Missing);
        Assert.False(payload.IsComplete);
        Assert.Contains("never puts the Passphrase", payload.Summary.En, StringComparison.Ordinal);
        Assert.Contains("Passphrase", payload.Summary.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bitfinex_form_is_read()
    {
        var payload = QrPayloadParser.Parse("bitfinex-api-key:AbC123-secret:XyZ789", ExchangeId.Bitfinex);

        Assert.Equal((QrPayloadFormat.ExchangeText, "AbC123", "XyZ789"), (payload.Format, payload.ApiKey, payload.Secret));
    }

    [Fact]
    public void Key_colon_secret_is_read()
    {
        var payload = QrPayloadParser.Parse("abc:def");

        Assert.Equal((QrPayloadFormat.KeyColonSecret, "abc", "def"), (payload.Format, payload.ApiKey, payload.Secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://example.org")]
    [InlineData("{not json")]
    [InlineData("""{"name":"x"}""")]
    public void Anything_else_is_unrecognised_and_everything_missing(string text)
    {
        var payload = QrPayloadParser.Parse(text, ExchangeId.Gate);

        Assert.Equal(QrPayloadFormat.Unrecognised, payload.Format);
        Assert.Equal([CredentialFieldKind.ApiKey, CredentialFieldKind.Secret], payload.Missing);
    }

    [Fact]
    public void A_payload_never_prints_its_secret()
    {
        var payload = QrPayloadParser.Parse("""{"apiKey":"KEY-123456789","secretKey":"TOP-SECRET","passphrase":"PASS"}""");

        Assert.DoesNotContain("TOP-SECRET", payload.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", payload.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("KEY-1234", payload.ToString(), StringComparison.Ordinal);
    }
}
