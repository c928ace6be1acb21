using System.Net;
using System.Text;
using Keyfolio.Web.Security.Forms;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security.Forms;

/// <summary>A page's form whose secret field cannot be read, or that is too large, is refused as any bad form is: sent to the status page, never a 500.</summary>
public sealed class SecretFormReaderTests : IAsyncLifetime
{
    private readonly KeyfolioWebFactory _factory = new();

    public Task InitializeAsync() => _factory.EnsureVaultAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_malformed_escape_in_a_secret_field_sends_the_form_to_the_bad_request_page()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var token = WebUtility.HtmlDecode(await Antiforgery.FromPageAsync(client, "/unlock"));

        using var response = await client.PostAsync("/unlock", Body("_handler=unlock&Form.Password=%zz&__RequestVerificationToken=" + Uri.EscapeDataString(token)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/status/400", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_form_body_over_the_limit_is_refused_as_too_large()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.PostAsync("/unlock", Body("_handler=unlock&Form.ReturnUrl=" + new string('a', SecretFormReader.MaxBodyBytes)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/status/413", response.Headers.Location!.OriginalString);
    }

    private static ByteArrayContent Body(string form)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(form));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return content;
    }
}
