using System.Text;
using Keyfolio.Web.Api.Models;
using Keyfolio.Web.Security.Forms;

namespace Keyfolio.Web.Tests.Security.Forms;

public sealed class UrlEncodedSecretsTests
{
    [Fact]
    public void A_secret_field_is_percent_decoded_with_plus_as_space_and_the_rest_is_kept_byte_for_byte()
    {
        using var secrets = new PostedSecrets();

        var rest = Split("_handler=unlock&Form.Password=a%20b+c%26d%3D&Form.ReturnUrl=%2Fexchanges%3Fx%3D1", secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.None, refusal);
        Assert.Equal("_handler=unlock&Form.ReturnUrl=%2Fexchanges%3Fx%3D1", rest);
        using var password = secrets.Take(SecretFormFields.Password);
        Assert.Equal("a b c&d=", password!.Span.ToString());
    }

    [Fact]
    public void Multi_byte_utf8_is_decoded_whether_escaped_or_sent_raw()
    {
        using var secrets = new PostedSecrets();

        Split("_handler=setup&Form.Password=p%C3%A9%E4%B8%AD%F0%9F%94%91&Form.Confirm=pé中🔑", secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.None, refusal);
        using var password = secrets.Take(SecretFormFields.Password);
        using var confirm = secrets.Take(SecretFormFields.Confirm);
        Assert.Equal("pé中🔑", password!.Span.ToString());
        Assert.Equal("pé中🔑", confirm!.Span.ToString());
    }

    [Fact]
    public void A_form_without_secret_fields_is_left_alone()
    {
        using var secrets = new PostedSecrets();

        var split = UrlEncodedSecrets.TrySplit("_handler=time-zone&Form.Password=kept"u8, new byte[64], secrets, out _, out var refusal);

        Assert.False(split);
        Assert.Equal(UrlEncodedSecrets.Refusal.None, refusal);
        Assert.Null(secrets.Take(SecretFormFields.Password));
    }

    [Fact]
    public void A_missing_or_empty_secret_field_gives_nothing_or_an_empty_value()
    {
        using var secrets = new PostedSecrets();

        var rest = Split("_handler=passwd&Form.Current=&Form.Password", secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.None, refusal);
        Assert.Equal("_handler=passwd", rest);
        using var current = secrets.Take(SecretFormFields.Current);
        using var password = secrets.Take(SecretFormFields.Password);
        Assert.True(current!.IsEmpty);
        Assert.True(password!.IsEmpty);
        Assert.Null(secrets.Take(SecretFormFields.Confirm));
    }

    [Fact]
    public void A_secret_field_sent_twice_refuses_the_form()
    {
        using var secrets = new PostedSecrets();

        Split("_handler=connect&Form.Secret=one&Form.Label=x&Form.Secret=two", secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.Repeated, refusal);
    }

    [Theory]
    [InlineData("%zz")]
    [InlineData("abc%4")]
    [InlineData("abc%")]
    [InlineData("%C3")]
    [InlineData("%FF%FE")]
    public void A_malformed_escape_or_bytes_that_are_not_utf8_refuse_the_form(string value)
    {
        using var secrets = new PostedSecrets();

        Split("_handler=connect&Form.Passphrase=" + value, secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.Malformed, refusal);
    }

    [Fact]
    public void A_secret_longer_than_the_limit_refuses_the_form()
    {
        using var secrets = new PostedSecrets();

        Split("_handler=replace&Form.Secret=" + new string('a', SecretText.MaxLength + 1), secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.TooLong, refusal);
    }

    [Fact]
    public void A_field_name_sent_escaped_is_still_a_secret_field()
    {
        using var secrets = new PostedSecrets();

        var rest = Split("Form%2ESecret=s3cr%2Bt&_handler=correct", secrets, out _);

        Assert.Equal("_handler=correct", rest);
        using var secret = secrets.Take(SecretFormFields.Secret);
        Assert.Equal("s3cr+t", secret!.Span.ToString());
    }

    [Fact]
    public void A_secret_taken_is_the_callers_and_disposing_it_empties_it()
    {
        using var secrets = new PostedSecrets();
        Split("_handler=unlock&Form.Password=hunter2hunter2", secrets, out _);

        var password = secrets.Take(SecretFormFields.Password)!;
        password.Dispose();

        Assert.True(password.IsEmpty);
        Assert.Null(secrets.Take(SecretFormFields.Password));
    }

    private static string Split(string body, PostedSecrets secrets, out UrlEncodedSecrets.Refusal refusal)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var rest = new byte[bytes.Length];
        Assert.True(UrlEncodedSecrets.TrySplit(bytes, rest, secrets, out var length, out refusal));
        return Encoding.UTF8.GetString(rest, 0, length);
    }
}
