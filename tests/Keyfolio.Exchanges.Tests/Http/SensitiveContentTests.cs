using System.Text;
using System.Text.Json;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges.Tests.Http;

public sealed class SensitiveContentTests
{
    [Fact]
    public async Task A_form_is_percent_encoded_as_rfc_3986_encodes_and_typed_as_a_form()
    {
        using var form = SensitiveContent.Form()
            .AddField("grant_type", "authorization_code")
            .AddField("redirect_uri", "http://127.0.0.1:5000/cb?x=1&y=2")
            .AddField("client_secret", "a b+c/d~é"u8);

        var body = await form.ReadAsStringAsync();

        Assert.Equal("grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcb%3Fx%3D1%26y%3D2&client_secret=a%20b%2Bc%2Fd~%C3%A9", body);
        Assert.Equal("application/x-www-form-urlencoded", form.Headers.ContentType?.MediaType);
        Assert.Equal(body.Length, form.Headers.ContentLength);
    }

    [Fact]
    public async Task Json_written_through_it_arrives_whole_even_past_its_first_buffer()
    {
        using var json = SensitiveContent.Json();
        var long1 = new string('x', 2000);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("label", long1);
            writer.WriteString("passphrase"u8, "P@ss-1"u8);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(await json.ReadAsStringAsync());

        Assert.Equal(long1, document.RootElement.GetProperty("label").GetString());
        Assert.Equal("P@ss-1", document.RootElement.GetProperty("passphrase").GetString());
        Assert.Equal("application/json", json.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Disposing_it_zeroes_the_body()
    {
        var form = SensitiveContent.Form().AddField("client_secret", "top-secret"u8);
        using var copy = new MemoryStream();
        await form.CopyToAsync(copy);
        Assert.Contains("top-secret", Encoding.UTF8.GetString(copy.ToArray()), StringComparison.Ordinal);

        form.Dispose();

        var buffer = (byte[])typeof(SensitiveContent).GetField("_buffer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(form)!;
        Assert.Equal(-1, buffer.AsSpan().IndexOfAnyExcept((byte)0));
    }
}
